import './record.css';
import { byId, h } from '../dom.js';
import { failureText } from '../failureText.js';
import { signedInApi } from '../signedInApi.js';
import { renderHighlighted, showEvidence } from './highlight.js';
import { type Named, recordApiOf, type Suggestions } from './recordApi.js';
import { registrationItem } from './registrationItem.js';
import { type Card, type Registry, suggestionCard } from './suggestionCard.js';

/**
 * `/record` (DESIGN "The recording page", issue 15 §4): choose an article, paste its text,
 * get claim suggestions highlighted in the text (right-to-left for Arabic), edit them, accept
 * one by one or all; register unknown names inline and ask again. Nothing is recorded until
 * an Accept. `body[data-ready]` and `#results[data-state]` let tests wait without sleeping.
 * With tokens it signs in like the map (`signedInApi.ts`): suggesting and recording need an
 * analyst's token; a reader's is told so when it asks.
 */
const status = byId('status');
/** Say how things went; a failure is an alert, announced at once. */
const say = (text: string, alert = false) => {
  status.textContent = text;
  status.setAttribute('role', alert ? 'alert' : 'status');
};

const recordApi = recordApiOf(signedInApi(byId('account')));

let registry: Registry = { places: [], actors: [], sources: [] };
let cards: Card[] = [];

const loadRegistry = async () => {
  const [places, actors, sources] = await Promise.all([
    recordApi.list('/v1/places'),
    recordApi.list('/v1/actors'),
    recordApi.list('/v1/sources'),
  ]);
  registry = { places, actors, sources };
};

const accept = async (card: Card) => {
  const body = card.body();
  if (typeof body === 'string') {
    say(body);
    return false;
  }
  try {
    const answer = await recordApi.recordClaim(body);
    card.accepted(answer.id);
    return true;
  } catch (error) {
    say(`Not recorded: ${failureText(error)}`, true);
    return false;
  }
};

const show = (text: string, s: Suggestions) => {
  const results = byId('results');
  results.hidden = false;
  byId('hash').textContent = `SHA-256 ${s.textSha256.slice(0, 12)}…`;
  const highlighted = byId('highlighted');
  renderHighlighted(highlighted, text, s);
  cards = s.claims.map((c) =>
    suggestionCard(c, { articleId: s.articleId, textSha256: s.textSha256, registry }, (spans) =>
      showEvidence(highlighted, spans),
    ),
  );
  for (const card of cards) {
    card.element.querySelector('button.accept')?.addEventListener('click', () => void accept(card));
  }
  byId('suggestions').replaceChildren(...cards.map((c) => c.element));
  byId('registrations').replaceChildren(
    ...s.registrations.map((r) =>
      registrationItem(r, registry.places, async (path, body) => {
        const answer = await recordApi.register(path, body);
        await loadRegistry();
        await run(answer.position);
        return answer;
      }),
    ),
  );
  results.dataset.state = 'shown';
  results.dataset.renders = String(Number(results.dataset.renders ?? 0) + 1);
  say(`${s.claims.length} suggested claims, ${s.registrations.length} unknown names`);
};

const run = async (minPosition?: string) => {
  const text = byId<HTMLTextAreaElement>('text').value;
  const articleId = byId<HTMLSelectElement>('article').value;
  if (!text.trim() || !articleId) return;
  byId('results').dataset.state = 'loading';
  try {
    show(text, await recordApi.suggest(articleId, text, minPosition));
  } catch (error) {
    byId('results').dataset.state = 'failed';
    say(`No suggestions: ${failureText(error)}`, true);
  }
};

const start = async () => {
  const [articles] = await Promise.all([recordApi.list('/v1/articles'), loadRegistry()]);
  byId('article').replaceChildren(...articles.map((a: Named) => h('option', { value: a.id }, `${a.title ?? a.id} (${a.id})`)));
  byId('article-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
  byId('accept-all').addEventListener('click', async () => {
    let recorded = 0;
    for (const card of cards) {
      if (card.element.dataset.state === 'accepted') continue;
      if (typeof card.body() === 'string') continue;
      if (await accept(card)) recorded++;
    }
    say(`${recorded} claims recorded`);
    byId('suggestions').dataset.accepted = String(cards.filter((c) => c.element.dataset.state === 'accepted').length);
  });
  document.body.dataset.ready = 'true';
};

start().catch((error: unknown) => say(`The page could not start: ${failureText(error)}`, true));
