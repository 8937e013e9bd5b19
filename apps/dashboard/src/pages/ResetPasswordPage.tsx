import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../shared/api/http';
import { resetPassword } from '../shared/api/session';
import { Field } from '../shared/ui/Field';
import { PageHeading } from '../shared/ui/PageHeading';
import { SuccessMessage } from '../shared/ui/States';

interface Problems {
  message: string;
  password?: string[];
  repeat?: string[];
  /** The link itself is the problem (expired, used, broken): a new one is needed. */
  badLink?: boolean;
}

function checkPasswords(password: string, repeat: string): Problems | null {
  if (password === '') return { message: 'Choose a new password.', password: ['Enter a new password.'] };
  if (password !== repeat) return { message: 'The two passwords are not the same.', repeat: ['Type the same password twice.'] };
  return null;
}

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [problems, setProblems] = useState<Problems | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local = checkPasswords(password, repeat);
    setProblems(local);
    if (local !== null) return;
    setBusy(true);
    try {
      await resetPassword(token, password);
      setDone(true);
    } catch (caught) {
      const fields = caught instanceof ApiError ? caught.fieldErrors : {};
      setProblems({
        message: errorMessage(caught),
        password: fields.password ? [...fields.password] : undefined,
        badLink: caught instanceof ApiError && (caught.status === 400 || fields.token !== undefined),
      });
    } finally {
      setBusy(false);
    }
  };

  const heading = <PageHeading title="Choose a new password" />;

  if (token === '') {
    return (
      <>
        {heading}
        <div className="notice notice--error" role="alert">
          <p>This page needs the link from your password reset email, and this address has no reset token in it.</p>
        </div>
        <p>
          <Link to="/forgot-password">Request a new link</Link>
        </p>
      </>
    );
  }

  if (done) {
    return (
      <>
        {heading}
        <SuccessMessage>Your password has been changed.</SuccessMessage>
        <p>
          <Link to="/login">Log in with your new password</Link>
        </p>
      </>
    );
  }

  return (
    <>
      {heading}
      <div className="narrow">
        <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-label="Choose a new password">
          {problems !== null && (
            <div className="notice notice--error" role="alert">
              <p>{problems.message}</p>
              {problems.badLink === true && (
                <p>
                  <Link to="/forgot-password">Request a new link</Link>
                </p>
              )}
            </div>
          )}
          <Field label="New password" errors={problems?.password}>
            {(control) => (
              <input {...control} type="password" autoComplete="new-password" value={password} onChange={(event) => setPassword(event.target.value)} />
            )}
          </Field>
          <Field label="Repeat password" errors={problems?.repeat}>
            {(control) => (
              <input {...control} type="password" autoComplete="new-password" value={repeat} onChange={(event) => setRepeat(event.target.value)} />
            )}
          </Field>
          <div className="button-row">
            <button type="submit" className="button" disabled={busy}>
              Change password
            </button>
          </div>
        </form>
      </div>
    </>
  );
}
