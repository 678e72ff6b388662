"""Archive entities: the entities of the store (one per type and name key) merged into the persons,
organisations and places they name across articles, each merge with its rule and evidence.

The resolver reads what the store knows (:class:`ArchiveData`) and returns links, one per merged
name, to the name that stands for the archive entity. Merges are conservative, in this order:

1. ``user-join``: a join a user made through the API (splits are kept apart whatever the rules say);
2. ``alias-list``: a reviewed alias of the language pack (``person_aliases.tsv``, ``acronyms.tsv``);
3. ``honorifics``: the same name without honorifics and degrees ("Ir. H. Joko Widodo");
4. ``type-vote``: the same name tagged with another type in a minority of its articles;
5. ``spelling``: two persons' names one letter apart, with a shared office or company;
6. ``extra-words``: a name the tagger ran a title's, a body's or a place's word into ("Kepresidenan
   Moeldoko", "BJ Habibie Jakarta") into the commoner name without those words;
7. ``mentioned-as``: the articles' own linking ("Nama (ALIAS)", a surname after the full name)
   names one entity by the other's name, and (nearly) always the same one;
8. ``initials``: "BJ Habibie" for "Bacharuddin Jusuf Habibie", the only such name;
9. ``name-part``: "Anies" for "Anies Baswedan", the only (or dominant) fuller name, with a shared
   office or shared company in the articles.

People whose offices differ (both have some, none shared) are never merged by rules 6 to 9.
Guards (issue 21), each a refusal with its reason: ``kind-alias`` (no merge by a short form that
names a kind of body, "Bamus", "DPW": archive.toml ``generic_kinds``), ``two-letters`` (no type
vote for a name of two letters, "MV"), ``kin-word`` ("Papa Marcel" is not Marcel: archive.toml ``kin_words``) and
``acronym-part`` (no ``name-part`` for a capitalised short form of three letters, "LM").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from warta.archive.names import NameRules, initials_match, part_of

# The resolver's rules (merges) and guards (refusals), each with its purpose; the docstring above says more.
RULES = {
    "user-join": "a join a user made through the API",
    "alias-list": "a reviewed alias of the language pack",
    "honorifics": "the same name without honorifics and degrees",
    "type-vote": "the same name tagged with a minority type",
    "spelling": "two persons' names one letter apart, with shared office or company",
    "extra-words": "a name the tagger ran a title's, body's or place's word into, without those words",
    "mentioned-as": "the articles' own linking names one entity by the other's name",
    "initials": "initials for the only fuller name",
    "name-part": "a part of the only (or dominant) fuller name, with shared office or company",
    "guard:kind-alias": "no merge by a short form naming a kind of body (Bamus, DPW)",
    "guard:two-letters": "no type vote for a name of two letters (MV)",
    "guard:kin-word": "a name after a kinship word is a relative (Papa Marcel)",
    "guard:acronym-part": "no name-part merge for a capitalised short form of three letters (LM)",
}


def one_edit(a: str, b: str) -> bool:
    """The two strings differ by one letter replaced, added or dropped."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


@dataclass(frozen=True)
class Thresholds:
    """Chosen on the first half of the labelled pairs in bench/archive/ (see docs/archive.md)."""

    vote_share: float = 0.75  # type-vote: the majority type's share of the name's articles
    vote_min: int = 3  # ... and its articles
    mention_share: float = 0.8  # mentioned-as: the top entity's share of the articles naming it so
    mention_min: int = 1  # ... and its articles
    dominance: float = 5.0  # name-part: the top fuller name has this many times the others' articles
    context_min: int = 2  # ... shared entities in their articles (when no office is shared)
    context_share: float = 0.2  # ... and this share of the smaller of the two sets of entities
    common_share: float = 0.01  # entities in more than this share of articles are no context
    common_min: int = 50  # ... and in more than this many


@dataclass
class Name:
    id: int
    type: str
    key: str
    name: str
    n_articles: int


@dataclass
class ArchiveData:
    names: dict[int, Name]
    mentioned_as: dict[int, Counter[str]]  # entity id -> other name keys its mentions use -> articles
    offices: dict[int, Counter[str]]  # person id -> titles the articles give -> articles
    articles_of: dict[int, set[str]]  # entity id -> articles mentioning it
    entities_of: dict[str, set[int]]  # article id -> entities it mentions
    decisions: list[tuple[str, str, str, str, str]] = field(default_factory=list)  # action, type, key, type, key


@dataclass
class Link:
    entity_id: int
    archive_id: int
    rule: str
    evidence: dict[str, Any]


@dataclass
class Proposal:
    source: int
    target: int
    rule: str
    evidence: dict[str, Any]


@dataclass
class Resolution:
    links: list[Link]
    rejected: list[Proposal]  # candidate pairs a rule looked at and did not merge, with the reason


class Resolver:
    def __init__(self, data: ArchiveData, rules: NameRules, thresholds: Thresholds | None = None) -> None:
        self.d = data
        self.r = rules
        self.t = thresholds or Thresholds()
        self.by_key = {(n.type, n.key): n.id for n in data.names.values()}
        self.tokens = {n.id: rules.tokens(n.key) for n in data.names.values()}
        self.rejected: list[Proposal] = []
        self.parent: dict[int, int] = {}
        self._fuller: dict[tuple[str, ...], list[int]] | None = None
        self.members: dict[int, set[int]] = {}
        self._ctx: dict[int, set[int]] = {}
        n_art = max(len(data.entities_of), 1)
        common = max(self.t.common_share * n_art, self.t.common_min)
        self.common = {e for e, arts in data.articles_of.items() if len(arts) > common}

    # ---- clusters so far -----------------------------------------------------------------
    def find(self, x: int) -> int:
        while self.parent.get(x, x) != x:
            x = self.parent[x]
        return x

    def distinct(self, ids: Iterable[int]) -> list[int]:
        """One entity per group merged so far (the one with most articles): "Bacharuddin Jusuf
        Habibie" and "Baharuddin Jusuf Habibie", once merged, are one candidate."""
        best: dict[int, int] = {}
        for i in ids:
            g = self.find(i)
            if g not in best or (self.d.names[i].n_articles, -i) > (self.d.names[best[g]].n_articles, -best[g]):
                best[g] = i
        return list(best.values())

    def size(self, eid: int) -> int:
        """Articles of the group merged so far that holds ``eid`` (an upper bound: names summed)."""
        return sum(self.d.names[m].n_articles for m in self.members.get(self.find(eid), {eid}))

    def relative(self, short: int, full: int) -> bool:
        """The short name is the more common and ends the fuller one, which adds given names in
        front: "Soekarno" and "Ratna Sari Dewi Soekarno", "Joko Widodo" and "Iriana Joko Widodo"
        (a relative carrying the name), not "Nizar" and "Nizar Ali"."""
        tk, ft = self.tokens[short], self.tokens[full]
        if self.d.names[short].n_articles <= self.size(full) or ft[-len(tk) :] != tk or ft[: len(tk)] == tk:
            return False
        return bool(self.r.name_words(self.d.names[full].name, tk))

    def kin(self, eid: int) -> bool:
        """ "Papa Marcel": a relative written with the kinship word before the name (guard kin-word)."""
        tk = self.tokens[eid]
        return len(tk) >= 2 and tk[0].replace(".", "") in self.r.kin_words

    # ---- evidence ----------------------------------------------------------------------
    def office_set(self, eid: int) -> set[str]:
        return {o for t in self.d.offices.get(eid, {}) if (o := self.r.office(t))}

    def context(self, eid: int) -> set[int]:
        if eid not in self._ctx:
            out: set[int] = set()
            for a in self.d.articles_of.get(eid, ()):
                out |= self.d.entities_of.get(a, set())
            self._ctx[eid] = out - self.common - {eid}
        return self._ctx[eid]

    def support(self, s: int, t: int) -> tuple[bool, dict[str, Any]]:
        """(conflict-free and supported, evidence): shared offices or shared company."""
        os_, ot = self.office_set(s), self.office_set(t)
        shared = sorted(os_ & ot)
        ctx = self.context(s) & self.context(t) - {s, t}
        names = sorted(self.d.names[e].name for e in ctx if e in self.d.names)[:8]
        ev: dict[str, Any] = {"shared_offices": shared, "shared_context": names, "n_shared_context": len(ctx)}
        if os_ and ot and not shared:
            ev["offices"] = {"source": sorted(os_)[:5], "target": sorted(ot)[:5]}
            return False, dict(ev, reason="offices differ")
        smaller = min(len(self.context(s)), len(self.context(t))) or 1
        if not shared and (len(ctx) < self.t.context_min or len(ctx) < self.t.context_share * smaller):
            return False, dict(ev, reason="no shared office or context")
        return True, ev

    # ---- proposals, one rule each -------------------------------------------------------
    def user_joins(self) -> Iterable[Proposal]:
        for action, ty, key, oty, okey in self.d.decisions:
            s, t = self.by_key.get((ty, key)), self.by_key.get((oty, okey))
            if action == "join" and s is not None and t is not None and s != t:
                yield Proposal(s, t, "user-join", {"decision": "join"})

    def alias_list(self) -> Iterable[Proposal]:
        for alias, full, ty, source in self.r.aliases:
            s, t = self.by_key.get((ty, alias)), self.by_key.get((ty, full))
            if s is None or t is None or s == t:
                continue
            p = Proposal(s, t, "alias-list", {"list": source, "alias": alias, "name": full})
            if alias in self.r.generic_kinds:  # guard kind-alias: "Bamus" of the DPR is not the DPD's
                self.rejected.append(Proposal(s, t, "alias-list", dict(p.evidence, reason="a kind, not a name")))
                continue
            if ty == "PER" and source != "person_aliases.tsv":  # mined initials ("AH"): one person's, not all
                yield from self._checked(p, need_support=True)
            else:
                yield p

    def honorifics(self) -> Iterable[Proposal]:
        for n in self.d.names.values():
            if n.type == "PER":
                bare = " ".join(self.tokens[n.id])
                if len(self.tokens[n.id]) < 2:  # "Gus Bejo" is not any Bejo
                    continue
            else:  # other names lose only their commas ("Badan Meteorologi, Klimatologi, dan Geofisika")
                bare = " ".join(n.key.replace(",", " ").split())
            t = self.by_key.get((n.type, bare)) if bare != n.key else None
            if t is not None and t != n.id:
                yield Proposal(n.id, t, "honorifics", {"without": bare})

    def type_vote(self) -> Iterable[Proposal]:
        by_key: dict[str, list[Name]] = defaultdict(list)
        for n in self.d.names.values():
            by_key[n.key].append(n)
        for rows in by_key.values():
            if len(rows) < 2:
                continue
            rows.sort(key=lambda n: (-n.n_articles, n.id))
            top, total = rows[0], sum(n.n_articles for n in rows)
            votes = {n.type: n.n_articles for n in rows}
            if top.n_articles < self.t.vote_min or top.n_articles < self.t.vote_share * total:
                continue
            for n in rows[1:]:
                p = Proposal(n.id, top.id, "type-vote", {"votes": votes})
                if n.name.isupper() != top.name.isupper():  # "NATO" and a man called Nato
                    self.rejected.append(Proposal(n.id, top.id, "type-vote", dict(p.evidence, reason="written apart")))
                elif len(n.key.replace(" ", "")) <= 2:  # guard two-letters: "MV" a ship's, "MV" a music video
                    self.rejected.append(Proposal(n.id, top.id, "type-vote", dict(p.evidence, reason="two letters")))
                elif top.type == "PER" and len(self.tokens[top.id]) == 1:  # "Budi": which Budi?
                    yield from self._checked(p, need_support=True, source=top.id)
                else:
                    yield p

    def mentioned_as(self) -> Iterable[Proposal]:
        users: dict[tuple[str, str], Counter[int]] = defaultdict(Counter)
        for eid, keys in self.d.mentioned_as.items():
            ty = self.d.names[eid].type if eid in self.d.names else None
            for k, n in keys.items():
                if ty:
                    users[(ty, k)][eid] += n
        for (ty, k), counts in users.items():
            s = self.by_key.get((ty, k))
            if s is None:
                continue
            counts.pop(s, None)
            groups: Counter[int] = Counter()  # names merged so far count as one ("Ace Hasan Syadzily/-i")
            for e, c in counts.items():
                groups[self.find(e)] += c
            groups.pop(self.find(s), None)
            if not groups:
                continue
            (g, n), total = groups.most_common(1)[0], sum(groups.values())
            t = max((e for e in counts if self.find(e) == g), key=lambda e: counts[e])
            ev: dict[str, Any] = {"articles": n, "share": round(n / total, 3), "as": k}
            ev["others"] = [self.d.names[e].name for e, _ in counts.most_common(4)[1:] if e in self.d.names]
            if n < self.t.mention_min or n < self.t.mention_share * total:
                self.rejected.append(Proposal(s, t, "mentioned-as", dict(ev, reason="not dominant")))
                continue
            if k in self.r.kinds:  # "RSUD": a kind of body, named by its type alone
                self.rejected.append(Proposal(s, t, "mentioned-as", dict(ev, reason="a kind, not a name")))
                continue
            if ty == "ORG" and self.r.branch_of(self.d.names[t].key, k):  # "Facebook Indonesia" is not Facebook
                self.rejected.append(Proposal(s, t, "mentioned-as", dict(ev, reason="a national branch")))
                continue
            if ty == "PER" and self.relative(s, t):
                # "Soekarno" is not "Ratna Sari Dewi Soekarno", whose article linked "Soekarno" to her
                self.rejected.append(Proposal(s, t, "mentioned-as", dict(ev, reason="the part is the commoner name")))
                continue
            if ty == "PER" and (self.kin(s) or self.kin(t)):
                self.rejected.append(Proposal(s, t, "mentioned-as", dict(ev, reason="a relative")))
                continue
            one_word = len(self.tokens[s]) == 1  # a given name alone names many people across an archive
            yield from self._checked(Proposal(s, t, "mentioned-as", ev), need_support=one_word)

    def initials(self) -> Iterable[Proposal]:
        index: dict[str, list[int]] = defaultdict(list)
        for n in self.d.names.values():
            if n.type == "PER" and len(self.tokens[n.id]) >= 3:
                index[self.tokens[n.id][-1]].append(n.id)
        for n in self.d.names.values():
            tk = self.tokens[n.id]
            if n.type != "PER" or len(tk) < 2 or len(tk[0].replace(".", "")) > 4:
                continue
            cands = self.distinct([t for t in index.get(tk[-1], []) if initials_match(tk, self.tokens[t])])
            if len(cands) == 1:
                yield from self._checked(Proposal(n.id, cands[0], "initials", {"initials": tk[0]}), need_support=False)
            elif cands:
                names = [self.d.names[c].name for c in cands[:5]]
                self.rejected.append(Proposal(n.id, cands[0], "initials", {"reason": "several", "candidates": names}))

    @property
    def fuller(self) -> dict[tuple[str, ...], list[int]]:
        """Persons' names by their first and last words: ("anies",) -> [Anies Baswedan, ...]."""
        if self._fuller is None:
            self._fuller = defaultdict(list)
            for n in self.d.names.values():
                tk = self.tokens[n.id]
                if n.type == "PER" and len(tk) >= 2:
                    for i in range(1, len(tk)):
                        self._fuller[tk[:i]].append(n.id)
                        self._fuller[tk[i:]].append(n.id)
        return self._fuller

    def spelling(self) -> Iterable[Proposal]:
        """ "Ace Hasan Syadzili" into "Ace Hasan Syadzily": persons' names of two words or more that
        differ in one letter of one word (of five letters or more), with shared office or company."""
        by_shape: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for n in self.d.names.values():
            tk = self.tokens[n.id]
            if n.type == "PER" and len(tk) >= 2:
                for i, w in enumerate(tk):
                    if len(w) >= 5:
                        by_shape[(*tk[:i], "*", *tk[i + 1 :])].append(n.id)
        for ids in by_shape.values():
            if len(ids) < 2 or len(ids) > 4:
                continue
            ids.sort(key=lambda i: (-self.d.names[i].n_articles, i))
            for s in ids[1:]:
                if one_edit(self.d.names[s].key, self.d.names[ids[0]].key):
                    yield from self._checked(Proposal(s, ids[0], "spelling", {}), need_support=True)

    def noise_words(self) -> set[str]:
        """Words that are no part of a person's name: titles, the one-word names of bodies and places
        ("Jakarta", "Blackpink")."""
        out = set(self.r.title_words)
        out |= {n.key for n in self.d.names.values() if n.type != "PER" and " " not in n.key and n.n_articles >= 2}
        return out - self.r.kin_words

    def extra_words(self) -> Iterable[Proposal]:
        """ "Kepresidenan Moeldoko", "BJ Habibie Jakarta", "Lisa Blackpink" into the person's name the
        tagger ran a title's, a body's or a place's word (or a common word written in lower case) into:
        the rarer name without its first or last words, all of them noise, is a person's name."""
        noise = self.noise_words()
        for n in self.d.names.values():
            tk = self.tokens[n.id]
            if n.type != "PER" or len(tk) < 2:
                continue
            lower = {w for w in n.name.split() if w.islower()} & self.r.common  # "ujar Fabinho", not "Human Chanel"
            lower |= {w for t in self.d.offices.get(n.id, {}) for w in t.casefold().split()}  # its own titles
            cuts = [(tk[i:], tk[:i]) for i in range(1, len(tk))] + [(tk[:i], tk[i:]) for i in range(1, len(tk))]
            for rest, dropped in cuts:
                t = self.by_key.get(("PER", " ".join(rest)))
                if t is None or t == n.id or not all(w.replace(".", "") in noise | lower for w in dropped):
                    continue
                if self.d.names[t].n_articles <= n.n_articles:
                    continue
                p = Proposal(n.id, t, "extra-words", {"dropped": " ".join(dropped)})
                yield from self._checked(p, need_support=len(rest) == 1)
                break

    def name_part(self) -> Iterable[Proposal]:
        index = self.fuller
        for n in self.d.names.values():
            tk = self.tokens[n.id]
            cands = [c for c in set(index.get(tk, [])) - {n.id} if part_of(tk, self.tokens[c])]
            if n.type != "PER" or not cands:
                continue
            if self.kin(n.id) or (n.name.isupper() and len(n.key) <= 3):  # guard kin-word, guard acronym-part
                self.rejected.append(Proposal(n.id, cands[0], "name-part", {"reason": "a relative or an acronym"}))
                continue
            cands = sorted(self.distinct(cands), key=lambda c: -self.size(c))
            if len(tk) == 1 and len(cands) > 1:  # "Joko": Joko Widodo, Joko Anwar, ...
                names = [self.d.names[c].name for c in cands[:4]]
                self.rejected.append(Proposal(n.id, cands[0], "name-part", {"reason": "several", "candidates": names}))
                continue
            top, rest = cands[0], sum(self.size(c) for c in cands[1:])
            ev: dict[str, Any] = {"candidates": len(cands)}
            if cands[1:]:
                ev["others"] = [self.d.names[c].name for c in cands[1:4]]
            if self.size(top) < self.t.dominance * rest:
                self.rejected.append(Proposal(n.id, top, "name-part", dict(ev, reason="several fuller names")))
                continue
            if self.kin(top):  # guard kin-word: "Marcel" is not "Papa Marcel"
                self.rejected.append(Proposal(n.id, top, "name-part", dict(ev, reason="a relative")))
                continue
            if self.relative(n.id, top):
                # "Soeharto" is his own name, not a part of "Tien Soeharto" ("Wajah Syahrini" is Syahrini)
                self.rejected.append(Proposal(n.id, top, "name-part", dict(ev, reason="the part is the commoner name")))
                continue
            yield from self._checked(Proposal(n.id, top, "name-part", ev), need_support=True)

    def _checked(self, p: Proposal, *, need_support: bool, source: int | None = None) -> Iterable[Proposal]:
        """``p`` when the persons' offices do not differ and (``need_support``) they share an office
        or company; ``source``: the person to compare when the proposal's source is no person."""
        if self.d.names[source if source is not None else p.source].type != "PER":
            yield p
            return
        ok, ev = self.support(p.source, p.target)
        p.evidence.update(ev)
        if ok or (not need_support and ev.get("reason") != "offices differ"):
            p.evidence.pop("reason", None)
            yield p
        else:
            self.rejected.append(p)

    # ---- clustering ---------------------------------------------------------------------
    def resolve(self) -> Resolution:
        apart = set()
        for action, ty, key, oty, okey in self.d.decisions:
            s, t = self.by_key.get((ty, key)), self.by_key.get((oty, okey))
            if action == "split" and s is not None and t is not None:
                apart.add(frozenset((s, t)))
        parent, members, find = self.parent, self.members, self.find
        applied: dict[int, Proposal] = {}
        steps = (self.user_joins, self.alias_list, self.honorifics, self.type_vote)
        steps += (self.spelling, self.extra_words, self.mentioned_as, self.initials, self.name_part)
        for step in steps:
            for p in list(step()):
                if p.source in applied:
                    continue
                a, b = find(p.source), find(p.target)
                if a == b:
                    continue
                ma, mb = members.get(a, {a}), members.get(b, {b})
                if any(frozenset((x, y)) in apart for x in ma for y in mb):
                    self.rejected.append(
                        Proposal(p.source, p.target, p.rule, dict(p.evidence, reason="split by a user"))
                    )
                    continue
                parent[a] = b
                members[b] = ma | mb
                members.pop(a, None)
                applied[p.source] = p
        return Resolution(self._links(members, applied), self.rejected)

    def _links(self, members: dict[int, set[int]], applied: dict[int, Proposal]) -> list[Link]:
        links = []
        for group in members.values():
            # the name most articles use; of two as common, the fuller
            rep = min(group, key=lambda m: (-self.d.names[m].n_articles, -len(self.tokens[m]), m))
            for m in sorted(group - {rep}):
                p = applied.get(m)
                if p is not None:
                    links.append(Link(m, rep, p.rule, dict(p.evidence, via=self.d.names[p.target].name)))
                    continue
                # the name the others were merged into, when another one has more articles: the
                # merge that brought that one in, read the other way
                q = next(q for q in applied.values() if q.target == m or q.source == rep)
                ev = dict(q.evidence, via=self.d.names[q.source].name, reverse=True)
                links.append(Link(m, rep, q.rule, ev))
        return links


def resolve(data: ArchiveData, rules: NameRules, thresholds: Thresholds | None = None) -> Resolution:
    return Resolver(data, rules, thresholds).resolve()
