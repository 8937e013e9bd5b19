import { useCallback, useRef, useState } from 'react';
import { makeApiToken } from '../../shared/api/session';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { Field } from '../../shared/ui/Field';
import { SuccessMessage } from '../../shared/ui/States';
import { copyText } from './copyText';

/** "Make a fresh API token" (seed §14.1): the token for the Authorization header of API clients. */
export function TokenPanel() {
  const [token, setToken] = useState<string | null>(null);
  const [copyResult, setCopyResult] = useState<string | null>(null);
  const fieldRef = useRef<HTMLInputElement>(null);
  const make = useCallback(async () => {
    setCopyResult(null);
    setToken((await makeApiToken()).authToken);
  }, []);
  const { run, busy, error } = useAsyncAction(make);

  const copy = async () => {
    if (token === null) return;
    const copied = await copyText(token, fieldRef.current);
    setCopyResult(copied ? 'The token was copied to the clipboard.' : 'Your browser did not let us copy. The token is selected: press Ctrl+C (⌘C on a Mac) to copy it.');
  };

  return (
    <section className="panel" aria-labelledby="token-heading">
      <h2 id="token-heading">Access to the API</h2>
      <p>
        API clients (scripts, devices) authenticate with a token in the <code>Authorization</code> header of each request:{' '}
        <code>Authorization: &lt;token&gt;</code>. A token expires after a few hours (the platform’s SECURITY_TOKEN_MAX_AGE, 6 hours by
        default); make a fresh one when it has. Keep it secret: it acts as your password for the API.
      </p>
      {error !== null && (
        <div className="notice notice--error" role="alert">
          No token could be made: {error}
        </div>
      )}
      <div className="button-row">
        <button type="button" className="button" onClick={() => void run()} disabled={busy}>
          Make a fresh API token
        </button>
      </div>
      {token !== null && (
        <div className="token">
          <Field label="API token" hint="Shown once: copy it now.">
            {(control) => <input {...control} ref={fieldRef} type="text" readOnly value={token} className="mono" onFocus={(event) => event.target.select()} />}
          </Field>
          <div className="button-row">
            <button type="button" className="button button--secondary" onClick={() => void copy()}>
              Copy token
            </button>
          </div>
          {copyResult !== null && <SuccessMessage>{copyResult}</SuccessMessage>}
        </div>
      )}
    </section>
  );
}
