"""The person names an article writes, for the fullest form of a partial name ("Lavrov" →
"Sergey Lavrov"), the person holding a stated role ("juru bicara itu") and the short names the
article defines ("Joko Widodo (Jokowi)")."""

from __future__ import annotations

from dataclasses import dataclass, field

from warta.article import Article
from warta.extract.entities.person_names import person_like
from warta.extract.quotes.names import (
    after_places,
    article_places,
    common_start,
    field_word,
    is_cap,
    is_name_token,
    name_in,
    place_ends,
    run_word,
    trim_name,
)
from warta.extract.quotes.registry import declare
from warta.lang.lexicon import QuoteLexicon
from warta.nlp.segment import Token

ROLE_NAMES = declare(
    "role-names", "a capitalised run after a title or a role noun is a person's name, held with that role"
)
NAME_TAILS = declare(
    "name-tails", "the tails of a long capitalised run are name forms (an organisation, then the name)"
)
SHORT_NAMES = declare(
    "short-names",
    "short names: those the article defines (in brackets, 'alias'), the pack's well-known ones, nicknames of a name",
)
LOOSE_FIRST = declare("loose-first-word", "a long name form read without a title must start with the name's first word")


@dataclass
class NameIndex:
    """Person names written in the article, for the fullest form of a partial name."""

    forms: list[tuple[int, str]] = field(default_factory=list)  # (offset, name) in text order
    roles: list[tuple[int, str, str]] = field(default_factory=list)  # (offset, role words, name)
    loose: set[str] = field(default_factory=set)  # forms found without a title before them
    aliases: dict[str, str] = field(default_factory=dict)  # "Jokowi" → "Joko Widodo", "KPK" → ...
    known: dict[str, str] = field(default_factory=dict)  # the language pack's well-known short names
    titles: frozenset[str] = frozenset()
    lex: QuoteLexicon | None = None
    text: str = ""
    _fullest: dict[str, str] = field(default_factory=dict, repr=False)  # memo: forms are fixed after build

    @classmethod
    def build(cls, article: Article, tokens: list[Token], lex: QuoteLexicon) -> NameIndex:
        idx = cls(known=lex.known_aliases if SHORT_NAMES.on else {}, text=article.text, titles=lex.titles, lex=lex)
        for e in article.entities:
            if e.type == "PER" and person_like(article, e.name, lex):
                for m in e.mentions:
                    idx.forms.append((m.start, e.name))
        titled = idx._role_runs(article, tokens, lex) if ROLE_NAMES.on else set()
        if NAME_TAILS.on:
            idx._tails(article, tokens, lex, titled)
        idx.aliases = _aliases(article.text, tokens, lex) if SHORT_NAMES.on else {}
        idx.forms.sort()
        idx.roles.sort()
        return idx

    def _role_runs(self, article: Article, tokens: list[Token], lex: QuoteLexicon) -> set[int]:
        """Capitalised runs preceded by a title or a role noun are person names; the offsets of
        the names read."""
        places = article_places(article.text, lex)
        titled: set[int] = set()
        ends = place_ends(article)
        n = len(tokens)
        words = [t.text for t in tokens]  # built once: role_at looks ahead in it
        i = 0
        while i < n:
            w = tokens[i].text
            role_len = lex.role_at(words, i)
            if w in lex.titles or role_len:
                j = i + max(role_len, 1)
                while (
                    j < n
                    and (
                        is_cap(tokens[j].text)
                        or tokens[j].text in ("(", ")")
                        or tokens[j].text.lower() in lex.role_run_words
                    )
                    and j - i < 18
                ):
                    if tokens[j].text.lower() in lex.conjunctions:
                        break
                    j += 1
                run = [t for t in tokens[i:j] if t.text not in ("(", ")")]
                rng = name_in(run, lex, places)
                if rng is not None and rng[0] < max(role_len, 1):
                    rng = None  # the role word itself ("Warga berkumpul") is not a name
                if rng is not None and rng[1] == len(run):
                    a, b = after_places(article, run, trim_name(article, run, rng), ends)
                    name = " ".join(t.text for t in run[a:b])
                    self.forms.append((run[a].start, name))
                    titled.add(run[a].start)
                    role = " ".join(t.text for t in run[:a])
                    self.roles.append((run[0].start, role, name))
                    i = j
                    continue
            i += 1
        return titled

    def _tails(self, article: Article, tokens: list[Token], lex: QuoteLexicon, seen: set[int]) -> None:
        """Every other run of capitalised name words ("Romanus Edy Prabowo, Kepala ..."), with its
        shorter tails ("Perlindungan Anak Yohana Susana Yembise" → "Yohana Susana Yembise").
        ``seen``: names already read after a title there."""
        places = article_places(article.text, lex)
        n = len(tokens)
        i = 0
        while i < n:
            j = i
            while j < n and run_word(tokens[j].text, lex) and j - i < 16:
                j += 1
            after_title = i > 0 and (tokens[i - 1].text in lex.titles or tokens[i - 1].text in lex.org_words)
            if j - i >= 2:
                # a long run ("Pertamina Fuel Terminal Maos Ardi Maulana Mubarok") holds an
                # organisation then the name: its tails of up to six words are the name forms
                for a in range(max(i, j - 6), j - 1):
                    if (
                        tokens[a].start in seen
                        or (field_word(tokens[a].text, lex) and (after_title or a > i))
                        or tokens[a].text in places
                        or common_start(article, tokens[a], lex)
                    ):
                        continue  # "Simalakama Yose", "Diakui Syafrin": a common word before a name
                    self.forms.append((tokens[a].start, " ".join(t.text for t in tokens[a:j])))
                    self.loose.add(self.forms[-1][1])
            i = max(j, i + 1)

    def fullest(self, name: str) -> str:
        """The longest name form in the article that contains every word of ``name``.

        A long form read without a title before it must start with the name's first word
        ("Romanus" → "Romanus Edy Prabowo"), so an organisation before a name
        ("Lion Air Group Danang Mandala") is not taken for first names."""
        if name not in self._fullest:
            self._fullest[name] = self._find_fullest(name)
        return self._fullest[name]

    def _find_fullest(self, name: str) -> str:
        best = self._fullest_form(name)
        words = name.split()
        if best == name and len(words) > 1 and words[0] in self.titles:
            # "Mas Achmad" (a title that is also a name word) → "Achmad Santosa" read after it
            rest = self._fullest_form(" ".join(words[1:]))
            if len(rest.split()) >= len(words):
                return rest
        return best

    def _fullest_form(self, name: str) -> str:
        if name in self.aliases:
            target = self.aliases[name]
            if target != name and target not in self.aliases and len(target.split()) == 1:
                return self._fullest_form(target)  # "Castro" → "Herdiansyah" → "Herdiansyah Hamzah"
            return target
        if name in self.known and self.known[name] in self.text:
            return self.known[name]
        words = name.split()
        best = name
        if (
            len(words) == 1
            and len(name) >= 4
            and SHORT_NAMES.on
            and not any(name in f.split() for _, f in self.forms if f != name)
        ):
            # a nickname that starts a longer name word: "Risma" → "Tri Rismaharini"
            for _, form in self.forms:
                fw = form.split()
                if 2 <= len(fw) <= 4 and form not in self.loose and any(w.startswith(name) and w != name for w in fw):
                    return form
        for form in dict.fromkeys(f for _, f in self.forms):  # distinct forms, in text order
            fw = form.split()
            if len(fw) <= len(best.split()) or len(fw) > 5 or not all(w in fw for w in words):
                continue
            if form in self.loose and fw[0] != words[0] and len(fw) > 3 and LOOSE_FIRST.on:
                continue
            best = form
        return best

    def holder_of(self, role: str, before: int) -> str | None:
        """The person named with ``role`` ("juru bicara", "Ketua MPR") nearest before ``before``:
        the stated role sharing the most words with it, the latest on ties."""
        fillers = self.lex.role_fillers if self.lex is not None else frozenset()
        want = set(role.lower().split()) - fillers
        if not want:
            return None
        best, best_score = None, 0.0
        for off, r0, name in self.roles:
            if off >= before:
                break
            have = set(r0.lower().split())
            shared = len(want & have)
            if not shared:
                continue
            score = shared / len(want) + (0.5 if r0.lower().startswith(role.lower()) else 0.0)
            if score >= best_score:
                best, best_score = name, score
        return best if best_score >= 1.0 else None

    def last_before(self, pos: int) -> str | None:
        best = loose = None
        for off, name in self.forms:
            if off >= pos:
                break
            if name not in self.loose:
                best = name
            elif len(name.split()) in (2, 3):
                loose = name
        return best or loose


def _aliases(text: str, tokens: list[Token], lex: QuoteLexicon) -> dict[str, str]:
    """Short names the article defines: "Joko Widodo (Jokowi)", "Kementerian Perhubungan
    (Kemenhub)", "Basuki Tjahaja Purnama alias Ahok"."""
    out: dict[str, str] = {}
    n = len(tokens)
    for i, t in enumerate(tokens):
        if (
            t.text.lower() in lex.nickname_markers
            and t.text.islower()
            and i >= 2
            and tokens[i - 1].text == ","
            and is_name_token(tokens[i - 2].text, lex)
        ):
            _nickname(tokens, i, lex, out)
            continue
        if t.text == "(" and i + 2 < n and tokens[i + 2].text == ")" and tokens[i + 1].text[:1].isupper():
            short, j = tokens[i + 1].text, i
        elif (
            t.text.lower() in lex.alias_markers and i + 1 < n and tokens[i + 1].text[:1].isupper() and t.text.islower()
        ):
            short, j = tokens[i + 1].text, i
            if t.text.lower() not in lex.alias_words:
                continue
        else:
            continue
        a = j
        while a > 0 and tokens[a - 1].text[:1].isupper() and j - a < 6:
            a -= 1
        run = tokens[a:j]
        if not run:
            continue
        rng = name_in(run, lex)
        org_run = run[0].text in lex.org_words or short.isupper()
        full = " ".join(x.text for x in run[rng[0] : rng[1]]) if rng and not org_run else " ".join(x.text for x in run)
        if full and full != short and short not in out:
            out[short] = full
    return out


def _nickname(tokens: list[Token], i: int, lex: QuoteLexicon, out: dict[str, str]) -> None:
    """The nickname before, the name after: "kata Castro, sapaan (akrab) Herdiansyah, ..."."""
    n = len(tokens)
    k = i + 1
    while k < n and tokens[k].text.islower() and k - i <= 2:
        k += 1
    run = []
    while k < n and is_name_token(tokens[k].text, lex) and len(run) < 4:
        run.append(tokens[k].text)
        k += 1
    if run and tokens[i - 2].text not in out:
        out[tokens[i - 2].text] = " ".join(run)
