import '../shared/zod-locale.js';
import { Command, Option } from 'commander';
import { roles } from '../server/platform/authz.js';
import { organizationKinds } from '../modules/referentiel/organization-kinds.js';
import { readSettings } from '../server/config.js';
import { AppError } from '../server/platform/errors.js';
import { withDatabase } from './database.js';

// no module settings (they configure the server), no actions (commands run as the system, with no
// actor to authorize): the command line loads only what its commands use
const settings = readSettings(process.env, []);
// each command is loaded when it runs: a command line pays only for the modules it uses
const program = new Command('coherence')
  .description("Administration de Cohérence. Base : DATABASE_URL si défini, sinon PGlite dans COHERENCE_DATA_DIR (./data).")
  .showHelpAfterError();

program
  .command('migrate')
  .description('Applique les migrations de la base')
  .action(() => withDatabase(settings, async () => console.log('Migrations appliquées.')));

program
  .command('organizations')
  .description('Organisations (collectivités, académies, DRAAF, prestataires…)')
  .command('create')
  .description('Crée une organisation')
  .requiredOption('--code <code>', 'code unique, ex. hauts-de-france')
  .addOption(new Option('--kind <kind>', "type d'organisation").choices(organizationKinds).makeOptionMandatory())
  .requiredOption('--name <name>', 'nom affiché')
  .option('--academy-code <code>', "code national de l'académie (ex. 09 pour Lille)")
  .option('--partner-of <codes...>', 'collectivités avec lesquelles elle travaille')
  .action((options) => withDatabase(settings, async (_db, ctx) => (await import('./commands/organizations.js')).createOrganizationCommand(ctx, options)));

program
  .command('import')
  .description('Imports de fichiers')
  .command('establishments')
  .description("Importe un fichier d'établissements (annuaire de l'éducation CSV, géolocalisation CSV, lycées JSON)")
  .argument('<file>', 'chemin du fichier')
  .requiredOption('--authority <code>', 'collectivité destinataire')
  .option('--apply-valid', 'applique les lignes valides même si certaines sont refusées', false)
  .option('--include-non-schools', "importe aussi les lignes qui ne sont pas des écoles (inspections, services)", false)
  .option('--preview', "n'écrit rien : compte ce que l'import ferait, avec les premières lignes de chaque issue", false)
  .option('--confirm-out-of-scope', 'écrit aussi les lignes hors de la compétence de la collectivité (types, territoire)', false)
  .action((file, options) => withDatabase(settings, async (db, ctx) => (await import('./commands/import-establishments.js')).importEstablishmentsCommand(db, ctx, file, options)));

program
  .command('users')
  .description('Comptes et rôles')
  .command('create')
  .description("Crée un compte (ou ajoute un rôle à un compte existant)")
  .requiredOption('--email <email>')
  .option('--password <password>', 'au moins 12 caractères (absent : connexion OpenID Connect seulement)')
  .option('--name <name>', 'nom affiché')
  .addOption(new Option('--role <role>').choices(roles).makeOptionMandatory())
  .requiredOption('--organization <code>', "organisation de la personne")
  .option('--tenant <codes...>', "collectivités où le rôle s'exerce (par défaut l'organisation, ou les collectivités partenaires)")
  .option('--establishment <uai>', "établissement (personnel d'établissement)")
  .option('--unit <code...>', 'unités territoriales couvertes (technicien, prestataire)')
  .option('--level <n>', 'niveau de support 0 à 3 (technicien)')
  .action((options) => withDatabase(settings, async (_db, ctx) => (await import('./commands/users.js')).createUserCommand(ctx, options)));

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof AppError ? `Erreur : ${error.message}` : error);
  process.exit(1);
});
