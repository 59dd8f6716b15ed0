import { z } from 'zod';

/**
 * zod's messages in French (« adresse e-mail invalide », not « Invalid email address »), for every
 * schema parsed in this process. Imported for its effect by the server's error handler, the
 * command line and the web's entry point; a schema's own message (`.regex(re, 'Code postal…')`) wins.
 */
z.config(z.locales.fr());
