import { apiHeaders, ApiError, errorFromBody, withQuery, type Query } from './api/client';

/** Downloads a file from the API (with the tenant header) and hands it to the browser under the server's name. */
export async function downloadFile(path: string, query: Query, fallbackName: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(withQuery(`/api${path}`, query), { credentials: 'same-origin', headers: apiHeaders() });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.');
  }
  if (!response.ok) throw errorFromBody(response.status, await response.text());
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? fallbackName;
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = safeDecode(filename);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return link.download;
}

function safeDecode(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
