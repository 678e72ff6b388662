"""The quotation finder's word lists, read once per language pack (``speech_verbs.toml`` for the
cues and speaker words, ``quotes.toml`` for the structure words the rules key on)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from warta import lang
from warta.lang import LanguagePack


@dataclass(frozen=True, eq=False)
class QuoteLexicon:
    post_cues: frozenset[str]
    strong_verbs: frozenset[str]
    weak_verbs: frozenset[str]
    verb_modifiers: frozenset[str]
    negations: frozenset[str]
    complementisers: frozenset[str]
    fronted_cues: frozenset[str]
    passive_cues: frozenset[str]
    post_speaker_adverbs: frozenset[str]
    pronouns: frozenset[str]
    pronoun_suffixes: tuple[str, ...]
    demonstratives: frozenset[str]
    role_prefixes: frozenset[str]
    roles: tuple[tuple[str, ...], ...]  # multi-word role nouns as token tuples, longest first
    titles: frozenset[str]
    org_words: frozenset[str]  # organisation heads and places: never part of a person's name
    places: frozenset[str]
    source_markers: frozenset[str]
    attribution_stops: frozenset[str]
    document_heads: frozenset[str]
    title_markers: frozenset[str]
    document_subjects: frozenset[str]
    fronted_pronoun_cues: frozenset[str]
    connectors: frozenset[str]
    days: frozenset[str]
    common_words: frozenset[str]
    np_heads: frozenset[str]
    clause_markers: frozenset[str]  # words that make a verb's object a clause, not a noun phrase
    known_aliases: dict[str, str]
    generic_quantifiers: frozenset[str]
    generic_speakers: frozenset[str]
    # words the news mostly writes in lower case (common_words.txt, mined): a capitalised one
    # at a sentence start or in a tagged "person" ("Audit", "Bibit", "Selain") is no name
    mined_common: frozenset[str] = frozenset()
    subject_adjuncts: frozenset[str] = frozenset()
    name_breaks: frozenset[str] = frozenset()  # between two names: "Madura United Vs Borneo FC"
    # structure words (quotes.toml): see the comments there
    conjunctions: frozenset[str] = frozenset()
    affiliation_preps: frozenset[str] = frozenset()
    subject_run_words: frozenset[str] = frozenset()
    locative_prefixes: tuple[str, ...] = ()
    local_preps: frozenset[str] = frozenset()
    person_only_cues: frozenset[str] = frozenset()
    source_adjuncts: frozenset[str] = frozenset()
    verb_blockers: frozenset[str] = frozenset()
    that_words: frozenset[str] = frozenset()
    plural_pronouns: frozenset[str] = frozenset()
    party_nouns: frozenset[str] = frozenset()
    subject_lead_skips: frozenset[str] = frozenset()
    subject_breaks: frozenset[str] = frozenset()
    role_run_words: frozenset[str] = frozenset()
    role_fillers: frozenset[str] = frozenset()
    nickname_markers: frozenset[str] = frozenset()
    alias_markers: frozenset[str] = frozenset()
    alias_words: frozenset[str] = frozenset()
    name_preps: frozenset[str] = frozenset()
    team_nouns: frozenset[str] = frozenset()
    origin_words: tuple[str, ...] = ()
    origin_closers: tuple[str, ...] = ()
    place_markers: frozenset[str] = frozenset()  # case matters: "di", "Kota", "Polres"

    @property
    def clause_verbs(self) -> frozenset[str]:
        return self.strong_verbs | self.weak_verbs

    @property
    def cue_words(self) -> frozenset[str]:
        return self.post_cues | self.strong_verbs | self.weak_verbs | self.fronted_cues | self.fronted_pronoun_cues

    def is_post_cue(self, word: str) -> bool:
        return word.lower() in self.post_cues

    def pronoun_cue(self, word: str) -> bool:
        """``katanya``, ``ujarnya``: a cue whose suffix points to the speaker in focus."""
        w = word.lower()
        return w in self.post_cues and any(
            w.endswith(s) and w[: -len(s)] in self.post_cues for s in self.pronoun_suffixes
        )

    def role_at(self, words: list[str], i: int) -> int:
        """Length in tokens of the role noun starting at ``words[i]`` (0 if none)."""
        if i >= len(words):
            return 0
        candidates = _roles_by_first(self.roles).get(words[i].lower())
        if not candidates:
            return 0
        low = [w.lower() for w in words[i : i + 4]]
        for role in candidates:  # longest first, as in self.roles
            if tuple(low[: len(role)]) == role:
                return len(role)
        return 0


@cache
def _roles_by_first(roles: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    """Role nouns by their first word, in their order: ``role_at`` looks at those alone."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for role in roles:
        if role:
            out.setdefault(role[0], []).append(role)
    return out


def _low(values: list[str]) -> frozenset[str]:
    return frozenset(v.lower() for v in values)


def lexicon(pack: LanguagePack | str | None = None) -> QuoteLexicon:
    """The lexicon of a language pack (or of a language code, for callers that still hold one).

    A pack without extraction data (no ``speech_verbs.toml``) gives the default pack's lexicon,
    as the quotation rules then apply the default pack's words."""
    if pack is None:
        pack = lang.get(lang.DEFAULT)
    elif isinstance(pack, str):
        pack = lang.for_code(pack)
    return _lexicon(pack if pack.extracts else lang.get(lang.DEFAULT))


def _titles(pack: LanguagePack, data: dict[str, list[str]]) -> set[str]:
    titles = set(data.get("titles", []))
    # the entities engineer's title list (one per line, may hold multi-word titles)
    orgs = set(data.get("org_words", [])) | set(data.get("places", []))
    for line in pack.lines("titles"):
        words = line.split("#", 1)[0].split()
        for w in words:
            # "Ketua DPR" lists a title with its organisation: the organisation is no title
            if w not in orgs and not (len(words) > 1 and w.isupper()):
                titles.add(w)
    return titles


def _structure(pack: LanguagePack) -> dict[str, frozenset[str] | tuple[str, ...]]:
    """The structure words of ``quotes.toml`` (lower case, but for the place markers)."""
    q = pack.toml("quotes")
    low = {
        k: _low(q.get(k, []))
        for k in (
            "conjunctions",
            "affiliation_preps",
            "subject_run_words",
            "local_preps",
            "person_only_cues",
            "source_adjuncts",
            "verb_blockers",
            "that_words",
            "party_nouns",
            "subject_lead_skips",
            "subject_breaks",
            "role_run_words",
            "role_fillers",
            "nickname_markers",
            "alias_markers",
            "alias_words",
            "name_preps",
            "team_nouns",
        )
    }
    return {
        **low,
        "locative_prefixes": tuple(q.get("locative_prefixes", [])),
        "origin_words": tuple(q.get("origin_words", [])),
        "origin_closers": tuple(q.get("origin_closers", [])),
        "place_markers": frozenset(q.get("place_markers", [])),
    }


@cache
def _lexicon(pack: LanguagePack) -> QuoteLexicon:
    data = pack.toml("speech_verbs")
    titles = _titles(pack, data)
    roles = sorted({tuple(r.lower().split()) for r in data.get("roles", [])}, key=len, reverse=True)
    return QuoteLexicon(
        post_cues=_low(data.get("post_cues", [])),
        strong_verbs=_low(data.get("clause_verbs_strong", [])),
        weak_verbs=_low(data.get("clause_verbs_weak", [])),
        verb_modifiers=_low(data.get("verb_modifiers", [])),
        negations=_low(data.get("negations", [])),
        complementisers=_low(data.get("complementisers", [])),
        fronted_cues=_low(data.get("fronted_cues", [])),
        passive_cues=_low(data.get("passive_cues", [])),
        post_speaker_adverbs=_low(data.get("post_speaker_adverbs", [])),
        pronouns=_low(data.get("pronouns", [])),
        plural_pronouns=_low(data.get("plural_pronouns", [])),
        pronoun_suffixes=tuple(data.get("pronoun_suffixes", [])),
        demonstratives=_low(data.get("demonstratives", [])),
        role_prefixes=_low(data.get("role_prefixes", [])),
        roles=tuple(roles),
        titles=frozenset(titles) | _low(list(titles)),
        org_words=frozenset(data.get("org_words", []) + data.get("places", [])),
        places=frozenset(data.get("places", [])),
        source_markers=_low(data.get("source_markers", [])),
        attribution_stops=_low(data.get("attribution_stops", [])),
        document_heads=_low(data.get("document_heads", [])),
        title_markers=_low(data.get("title_markers", [])),
        document_subjects=_low(data.get("document_subjects", [])),
        fronted_pronoun_cues=_low(data.get("fronted_pronoun_cues", [])),
        connectors=_low(data.get("connectors", [])),
        days=_low(data.get("days", [])),
        common_words=frozenset(str(data.get("common_words", "")).split()),
        np_heads=_low(data.get("np_heads", [])),
        clause_markers=_low(data.get("clause_markers", [])),
        known_aliases=dict(data.get("known_aliases", {})),
        generic_quantifiers=_low(data.get("generic_quantifiers", [])),
        generic_speakers=_low(data.get("generic_speakers", [])),
        mined_common=frozenset(
            w for w in (line.split("#", 1)[0].strip().lower() for line in pack.lines("common_words")) if w
        ),
        subject_adjuncts=_low(data.get("subject_adjuncts", [])),
        name_breaks=_low(data.get("name_breaks", [])),
        **_structure(pack),  # type: ignore[arg-type]
    )
