/**
 * Copies text to the clipboard. Where the Clipboard API is missing or refused (no secure context,
 * no permission), the text in `field` is selected instead so the user can press Ctrl+C.
 * Returns whether the text was copied.
 */
export async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard !== undefined) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Fall back to selecting the text.
  }
  if (field !== null) {
    field.focus();
    field.select();
    try {
      if (typeof document.execCommand === 'function' && document.execCommand('copy')) return true;
    } catch {
      // The text stays selected for the user to copy.
    }
  }
  return false;
}
