/** Why a password is too weak, or undefined when it is acceptable. */
export function passwordWeakness(password: string, context: { email?: string; username?: string } = {}): string | undefined {
  if (password.length < 8) return 'must be at least 8 characters long';
  if (password.length > 128) return 'must be at most 128 characters long';
  if (/^(.)\1*$/.test(password)) return 'must not repeat one character';
  const lower = password.toLowerCase();
  const personal = [context.email?.split('@')[0], context.username].filter((part): part is string => !!part && part.length >= 3);
  if (personal.some((part) => lower.includes(part.toLowerCase()))) return 'must not contain your email name or username';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(password)).length;
  if (password.length < 12 && classes < 3) {
    return 'must mix at least three of: lower case, upper case, digits, symbols (or be 12 characters or longer)';
  }
  return undefined;
}
