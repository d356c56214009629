/** A message at the top of a page: an error (role=alert) or a confirmation (role=status). */
import type { ErrorText } from './error-text.ts';

export interface NoticeProps {
  error?: ErrorText | undefined;
  done?: string | undefined;
}

export function Notice({ error, done }: NoticeProps) {
  if (error) {
    return (
      <div class="notice notice-error" role="alert" data-code={error.code}>
        <p>{error.message}</p>
        {error.items.length > 0 && (
          <ul>
            {error.items.map((item) => (
              <li>{item}</li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  if (done) {
    return (
      <div class="notice notice-done" role="status">
        <p>{done}</p>
      </div>
    );
  }
  return null;
}
