/** A throwaway service-account key file, for the standard-credentials path offline. */
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeServiceAccountKey(dir: string, projectId = 'sa-project'): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const file = join(dir, 'service-account.json');
  writeFileSync(file, JSON.stringify({ type: 'service_account', project_id: projectId, private_key_id: 'k1', private_key: privateKey, client_email: `editions@${projectId}.iam.gserviceaccount.com`, client_id: '1', token_uri: 'https://oauth2.googleapis.com/token' }));
  return file;
}
