import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { rateLimitMessage } from '../features/auth/authErrors';
import { ApiError, errorMessage, type FieldErrors } from '../shared/api/http';
import { requestPasswordReset } from '../shared/api/session';
import { Field } from '../shared/ui/Field';
import { PageHeading } from '../shared/ui/PageHeading';
import { SuccessMessage } from '../shared/ui/States';

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<{ message: string; fields: FieldErrors } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (email.trim() === '') {
      setError({ message: 'Enter the email address of your account.', fields: { email: ['Enter the email address of your account.'] } });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await requestPasswordReset(email.trim());
      setSent(true);
    } catch (caught) {
      const rateLimited = caught instanceof ApiError && caught.status === 429;
      setError({
        message: rateLimited ? rateLimitMessage(caught, 'requests') : errorMessage(caught),
        fields: caught instanceof ApiError ? caught.fieldErrors : {},
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading title="Reset your password">
        Enter the email address of your account. We will mail you a link to choose a new password.
      </PageHeading>
      <div className="narrow">
        {sent ? (
          <SuccessMessage>
            <p>If the address belongs to an account, a link is on its way. Check your inbox (and your spam folder).</p>
            <p>The link can be used once; request a new one if it has expired.</p>
          </SuccessMessage>
        ) : (
          <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-label="Request a reset link">
            {error !== null && (
              <div className="notice notice--error" role="alert">
                {error.message}
              </div>
            )}
            <Field label="Email address" errors={error?.fields.email}>
              {(control) => (
                <input {...control} type="email" name="email" autoComplete="email" value={email} onChange={(event) => setEmail(event.target.value)} />
              )}
            </Field>
            <div className="button-row">
              <button type="submit" className="button" disabled={busy}>
                Send reset link
              </button>
            </div>
          </form>
        )}
        <p>
          <Link to="/login">Back to log in</Link>
        </p>
      </div>
    </>
  );
}
