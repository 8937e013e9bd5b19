import { useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { loginErrorMessage } from '../features/auth/authErrors';
import type { LoginRedirectState } from '../app/guards/RequireAuth';
import { ApiError } from '../shared/api/http';
import { useAuth } from '../shared/auth/useAuth';
import { usePlatform } from '../shared/platform/usePlatform';
import { Field } from '../shared/ui/Field';
import { PageHeading } from '../shared/ui/PageHeading';

const REASON_MESSAGES: Record<NonNullable<LoginRedirectState['reason']>, string | null> = {
  'not-logged-in': null,
  'logged-out': 'You have been logged out.',
  expired: 'Your session has ended. Log in again to continue where you were.',
};

function redirectState(state: unknown): LoginRedirectState {
  return typeof state === 'object' && state !== null ? (state as LoginRedirectState) : {};
}

function DemoCredentialsNote({ onUse }: { onUse: (email: string, password: string) => void }) {
  const { state } = usePlatform();
  if (state.status !== 'success' || state.data.demoCredentials === null) return null;
  const { email, password } = state.data.demoCredentials;
  return (
    <section className="notice notice--info" aria-labelledby="demo-heading">
      <h2 id="demo-heading" className="notice__title">
        Try the demo
      </h2>
      <p>
        Log in with the demo account: email address <code>{email}</code>, password <code>{password}</code>.
      </p>
      <button type="button" className="button button--secondary" onClick={() => onUse(email, password)}>
        Fill in the demo account
      </button>
    </section>
  );
}

export function LoginPage() {
  const { state, logIn } = useAuth();
  const location = useLocation();
  const redirect = redirectState(location.state);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; fields: Record<string, readonly string[]> } | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  if (state.status === 'authenticated') return <Navigate to={redirect.from ?? '/'} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (email.trim() === '' || password === '') {
      setError({
        message: 'Enter your email address and password.',
        fields: {
          ...(email.trim() === '' ? { email: ['Enter your email address.'] } : {}),
          ...(password === '' ? { password: ['Enter your password.'] } : {}),
        },
      });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await logIn(email.trim(), password);
    } catch (caught) {
      setError({ message: loginErrorMessage(caught), fields: caught instanceof ApiError ? caught.fieldErrors : {} });
      setBusy(false);
      errorRef.current?.focus();
    }
  };

  const reasonMessage = redirect.reason === undefined ? null : REASON_MESSAGES[redirect.reason];

  return (
    <>
      <PageHeading title="Log in">Log in with the email address and password of your account.</PageHeading>
      <div className="narrow">
        {reasonMessage !== null && (
          <div className="notice notice--info" role="status">
            {reasonMessage}
          </div>
        )}
        <DemoCredentialsNote
          onUse={(demoEmail, demoPassword) => {
            setEmail(demoEmail);
            setPassword(demoPassword);
          }}
        />
        <div ref={errorRef} tabIndex={-1} className="focus-target">
          {error !== null && (
            <div className="notice notice--error" role="alert">
              {error.message}
            </div>
          )}
        </div>
        <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-label="Log in">
          <Field label="Email address" errors={error?.fields.email}>
            {(control) => (
              <input {...control} type="email" name="email" autoComplete="username" value={email} onChange={(event) => setEmail(event.target.value)} />
            )}
          </Field>
          <Field label="Password" errors={error?.fields.password}>
            {(control) => (
              <input
                {...control}
                type="password"
                name="password"
                autoComplete="current-password"
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            )}
          </Field>
          <div className="button-row">
            <button type="submit" className="button" disabled={busy}>
              {busy ? 'Logging in…' : 'Log in'}
            </button>
            <Link to="/forgot-password">Forgot your password?</Link>
          </div>
        </form>
      </div>
    </>
  );
}
