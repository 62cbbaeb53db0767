"""Score extraction against hand-made gold: precision, recall and F1 per kind of fact.

Each gold file (``tests/gold/*.gold.json``) names its article (``source``, relative to the gold
folder) and lists what a correct reader finds in it. The article goes through the same clean +
extract as a night; facts are matched per article and the counts summed over all articles
(micro-averaged).

Matching:
- a quote span matches when the texts are equal once spaces and quote marks are folded, or one
  holds the other and the shorter is at least 80% of the longer; an indirect gold quote (only
  ``text_contains``) matches a predicted quote that contains that text;
- quotes with speaker: a matched quote whose speaker is the gold speaker (both empty counts; an organization
  speaker may be named by any alias of it);
- organizations: surfaces (every ``mentions_include``) and canonical names, as sets per article; a gold name
  the alias table knows counts as its canonical organization, and case and a leading "The" are ignored;
  the article's outlet counts as one of its organizations;
- people: names, as sets per article; events: (type, date) pairs, as sets per article.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from .clean import clean_item
from .extract import extract_article
from .extract.organizations import alias_table
from .ingest import transient_item
from .perturb import perturb

_FOLD = re.compile(r"[\s\"'“”‘’「」『』.,!?…]+")


def fold(text: str | None) -> str:
    return _FOLD.sub("", (text or "").casefold())


@dataclass
class Score:
    """Counts for one kind of fact; precision, recall and F1 derive from them."""
    predicted: int = 0
    gold: int = 0
    true_positive_predicted: int = 0  # predictions that match some gold fact
    true_positive_gold: int = 0  # gold facts some prediction matches
    misses: list[str] = field(default_factory=list)  # gold facts not found (for reading, capped)
    spurious: list[str] = field(default_factory=list)  # predictions matching nothing (capped)

    @property
    def precision(self) -> float:
        return self.true_positive_predicted / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive_gold / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add_sets(self, predicted: set, gold: set, where: str) -> None:
        self.predicted += len(predicted)
        self.gold += len(gold)
        self.true_positive_predicted += len(predicted & gold)
        self.true_positive_gold += len(predicted & gold)
        self.misses += [f"{where}: {x}" for x in sorted(map(str, gold - predicted))][:20]
        self.spurious += [f"{where}: {x}" for x in sorted(map(str, predicted - gold))][:20]

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "predicted": self.predicted, "gold": self.gold}


def _same_span(predicted: str, gold: str) -> bool:
    a, b = fold(predicted), fold(gold)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return short in long and len(short) >= 0.8 * len(long)


def _quote_matches(predicted: dict, gold: dict) -> bool:
    if gold["kind"] == "indirect":
        return bool(gold.get("text_contains")) and fold(gold["text_contains"]) in fold(predicted["text"])
    return predicted["kind"] in ("direct", "headline") and _same_span(predicted["text"], gold["text"])


def _same_speaker(predicted: str | None, gold: str | None, aliases: dict | None = None) -> bool:
    """Equal names; for organizations, also names the alias table gives the same canonical name."""
    if fold(predicted) == fold(gold):
        return True
    aliases = aliases or {}
    return bool(predicted and gold) and fold(aliases.get(predicted, (predicted,))[0]) == fold(aliases.get(gold, (gold,))[0])


def score_quotes(predicted: list[dict], gold: list[dict], where: str, spans: Score, speakers: Score,
                 aliases: dict | None = None) -> None:
    """One-to-one matching in order of appearance: each gold quote takes the first free matching prediction."""
    taken: set[int] = set()
    pairs: list[tuple[dict, dict]] = []
    for g in gold:
        for i, p in enumerate(predicted):
            if i not in taken and _quote_matches(p, g):
                taken.add(i)
                pairs.append((p, g))
                break
        else:
            text = g.get("text") or g.get("text_contains")
            spans.misses.append(f"{where}: [{g['kind']}] {text[:60]}")
    correct = [(p, g) for p, g in pairs if _same_speaker(p["speaker"], g.get("speaker"), aliases)]
    for score, hits in ((spans, pairs), (speakers, correct)):
        score.predicted += len(predicted)
        score.gold += len(gold)
        score.true_positive_predicted += len(hits)
        score.true_positive_gold += len(hits)
    speakers.misses += [f"{where}: {g.get('speaker')!r} said {g.get('text', g.get('text_contains', ''))[:40]!r}, "
                        f"got {p['speaker']!r}" for p, g in pairs if (p, g) not in correct][:20]
    spans.spurious += [f"{where}: [{p['kind']}] {p['text'][:60]}" for i, p in enumerate(predicted)
                       if i not in taken][:20]


def article_for(gold: dict, gold_file: Path) -> Path:
    if gold.get("source"):
        return (gold_file.parent / gold["source"]).resolve()
    return gold_file.parent / "articles" / gold_file.name.replace(".gold.json", ".ko.txt")


def evaluate(gold_folder: Path, timezone: str = "Asia/Seoul", language: str | None = None,
             perturbations: tuple[str, ...] = (), seed: int = 0) -> dict:
    """Clean + extract every gold article and score it; returns the scores and the readable misses.

    With ``perturbations`` (names from ``newsetl.perturb.PERTURBATIONS``) each article and its gold are first
    rewritten the same way, the choices drawn from ``seed`` and the article's name.
    """
    aliases = alias_table()
    scores = {name: Score() for name in ("quotes", "quotes_with_speaker", "direct_quotes_with_speaker",
                                         "organization_mentions", "organizations", "people", "events")}
    articles = []
    for gold_file in sorted(gold_folder.glob("*.gold.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        if language and gold.get("article", {}).get("language") != language:
            continue
        source = article_for(gold, gold_file)
        data = source.read_bytes()
        if perturbations:
            text, gold = perturb(data.decode("utf-8"), gold, perturbations, random.Random(f"{seed}:{gold_file.name}"))
            data = text.encode("utf-8")
        item = transient_item(data, "gold", str(source))
        cleaned, rejected = clean_item(item, data, timezone, 50_000_000)
        if rejected or len(cleaned) != 1:
            raise ValueError(f"{source}: the gold article does not clean to one article: {rejected}")
        article = cleaned[0]
        x = extract_article(article)
        where = gold_file.name.replace(".gold.json", "")
        score_quotes(x["quotes"], gold["quotes"], where, scores["quotes"], scores["quotes_with_speaker"], aliases)
        direct = [q for q in gold["quotes"] if q["kind"] == "direct"]
        score_quotes([q for q in x["quotes"] if q["kind"] == "direct"], direct, where, Score(),
                     scores["direct_quotes_with_speaker"], aliases)

        gold_surfaces = {s for o in gold["organizations"] for s in o.get("mentions_include", [])}
        outlet = article.get("outlet")
        outlet_canonical = aliases.get(outlet, (outlet, None))[0] if outlet else None
        scores["organization_mentions"].add_sets({o["surface"] for o in x["organizations"]} | ({outlet} - {None}),
                                                 gold_surfaces, where)
        def same_org(name: str) -> str:
            # a gold name the alias table knows is that organization ("MBC" is Munhwa Broadcasting Corporation);
            # case and a leading "The" do not matter ("SK hynix" is "SK Hynix", "The Korea Herald" "Korea Herald")
            name = aliases.get(name, (name,))[0]
            return re.sub(r"^the ", "", name.casefold())

        scores["organizations"].add_sets(
            {same_org(o["canonical"]) for o in x["organizations"]} | ({same_org(outlet_canonical)} if outlet else set()),
            {same_org(o["canonical"]) for o in gold["organizations"]}, where)
        scores["people"].add_sets({p["name"] for p in x["people"]} | set(article.get("reporters") or []),
                                  {p["name"] for p in gold["people"]}, where)
        scores["events"].add_sets({(e["type"], e["date"]) for e in x["events"] if e["date"]},
                                  {(e["type"], e["date"]) for e in gold["events"]}, where)
        articles.append({"gold": gold_file.name, "language": article["language"], "section": gold.get("section")})
    return {"articles": articles, "scores": scores}


def summary(result: dict) -> dict:
    return {"articles": len(result["articles"]), **{k: v.as_dict() for k, v in result["scores"].items()}}


def format_table(result: dict) -> str:
    lines = [f"{len(result['articles'])} gold articles "
             f"({sum(a['language'] == 'ko' for a in result['articles'])} Korean, "
             f"{sum(a['language'] == 'en' for a in result['articles'])} English)",
             f"{'':30} {'precision':>9} {'recall':>7} {'F1':>6} {'predicted':>9} {'gold':>5}"]
    for name, s in result["scores"].items():
        lines.append(f"{name:30} {s.precision:9.3f} {s.recall:7.3f} {s.f1:6.3f} {s.predicted:9d} {s.gold:5d}")
    return "\n".join(lines)


def format_perturbed(base: dict, perturbed: dict[str, dict]) -> str:
    """Precision / recall / F1 per metric: unperturbed, then under each perturbation with its change in F1."""
    names = list(perturbed)
    lines = [f"{'':28} {'unperturbed':>17}" + "".join(f" {n:>24}" for n in names),
             f"{'':28} {'P     R     F1':>17}" + "".join(f" {'P     R     F1   dF1':>24}" for _ in names)]
    for metric, s in base["scores"].items():
        row = f"{metric:28} {s.precision:5.3f} {s.recall:5.3f} {s.f1:5.3f}"
        for name in names:
            p = perturbed[name]["scores"][metric]
            row += f"   {p.precision:5.3f} {p.recall:5.3f} {p.f1:5.3f} {p.f1 - s.f1:+5.3f}"
        lines.append(row)
    return "\n".join(lines)
