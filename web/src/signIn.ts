import './signIn.css';
import { h } from './dom.js';

/**
 * The sign-in dialog (`#sign-in`), one copy for every page (the map and `/record`): the
 * constructor builds its markup and adds it to the page. Shown when the API answers 401: a
 * modal `<dialog>`, so focus moves into it and stays there and the page behind is inert; the
 * token field is labelled, Enter submits, Escape or Cancel declines, and focus returns to where
 * it was. A token is checked with the API before the dialog closes; a refused one leaves the
 * dialog open with the field marked invalid and an error announced (`role="alert"`), never
 * repeating the token. The field has no `name` and the form `method="dialog"`, so the token can
 * never be submitted into a URL.
 */
export class SignInDialog {
  private readonly input = h('input', {
    id: 'sign-in-token',
    type: 'password',
    autocomplete: 'off',
    autocapitalize: 'off',
    spellcheck: 'false',
    required: true,
    'aria-invalid': 'false',
    'aria-describedby': 'sign-in-error',
  });
  private readonly error = h('p', { id: 'sign-in-error', class: 'error', role: 'alert' });
  private readonly submit = h('button', { id: 'sign-in-submit', type: 'submit', class: 'primary' }, 'Sign in');
  private readonly form = h(
    'form',
    { id: 'sign-in-form', method: 'dialog', novalidate: true },
    h('h2', { id: 'sign-in-title' }, 'Sign in to the ledger'),
    h(
      'p',
      { id: 'sign-in-help' },
      'This ledger needs an access token. The page keeps it in this tab only, until you sign out or close the tab, and ' +
        'sends it with each request — never in the address bar.',
    ),
    h('label', { for: 'sign-in-token' }, 'Access token'),
    this.input,
    this.error,
    h(
      'div',
      { class: 'dialog-buttons' },
      h('button', { id: 'sign-in-cancel', type: 'button', onclick: () => this.dialog.close() }, 'Cancel'),
      this.submit,
    ),
  );
  private readonly dialog = h(
    'dialog',
    { id: 'sign-in', 'aria-labelledby': 'sign-in-title', 'aria-describedby': 'sign-in-help' },
    this.form,
  );
  private pending: Promise<string | undefined> | undefined;

  /** Adds the dialog, closed, at the end of `parent`. */
  constructor(parent: HTMLElement = document.body) {
    parent.append(this.dialog);
  }

  /** Resolves with a token `accepts` approved, or undefined when the person declined. */
  ask(accepts: (token: string) => Promise<boolean>): Promise<string | undefined> {
    if (this.pending) return this.pending;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.pending = new Promise<string | undefined>((resolve) => {
      let accepted: string | undefined;
      const onSubmit = async (event: SubmitEvent) => {
        event.preventDefault();
        const token = this.input.value.trim();
        if (token === '') return this.showError('Enter the access token you were given.');
        this.setBusy(true);
        try {
          if (!(await accepts(token))) return this.showError('This token was not accepted. Check it and try again.');
          if (!this.dialog.open) return;
          accepted = token;
          this.dialog.close();
        } catch (error) {
          this.showError(`The token could not be checked: ${error instanceof Error ? error.message : String(error)}`);
        } finally {
          this.setBusy(false);
        }
      };
      const onClose = () => {
        this.form.removeEventListener('submit', onSubmit);
        this.input.value = '';
        this.clearError();
        this.pending = undefined;
        opener?.focus();
        resolve(accepted);
      };
      this.form.addEventListener('submit', onSubmit);
      this.dialog.addEventListener('close', onClose, { once: true });
    });
    this.clearError();
    this.dialog.showModal();
    this.input.focus();
    return this.pending;
  }

  private showError(text: string) {
    this.error.textContent = text;
    this.input.setAttribute('aria-invalid', 'true');
    this.input.focus();
    this.input.select();
  }

  private clearError() {
    this.error.textContent = '';
    this.input.setAttribute('aria-invalid', 'false');
  }

  private setBusy(busy: boolean) {
    this.submit.disabled = busy;
    this.form.setAttribute('aria-busy', String(busy));
  }
}
