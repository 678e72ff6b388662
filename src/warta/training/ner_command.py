"""``warta train ner``: rebuild the shipped Indonesian NER model from ``../shared/data``.

Steps (all offline, fixed seeds):

1. Read the labelled corpora with their own train/dev splits: NERGrit (IndoNLU split), NER-UI
   and NER-UGM fold 01 (IndoLEM). Labels are mapped to PER/ORG/LOC (``LABELS``); NER-UGM's
   TIME/QUANTITY become O. Any training/dev sentence that also occurs in a test set is dropped,
   so the evaluation (``warta eval ner``) stays held out.
2. Raw news text (CLICK-ID, IndoSum), tokenized with Warta's runtime tokenizer, trains floret
   hashed-subword vectors (50k rows x 100 dims); ``spacy init vectors --mode floret`` loads them.
3. spaCy trains tok2vec (NORM/PREFIX/SUFFIX/SHAPE/ORTH hash embeddings + the static vectors,
   a 4-layer CNN) and the transition-based NER with ``training/ner/config.cfg``.
4. The best model (by dev F1) is copied to ``--out`` (default ``src/warta/models/ner-id``).

Optional (not used by the shipped model, which they did not beat on dev; see its model card):
``--with-nerp`` adds NERP train, truecased from the raw news (``warta.training.truecase``), with
PPL/PLC/IND mapped and the tokens its conventions leave unknown marked missing
(``nerp_sentence``); ``--finetune`` then continues from the best model on the three corpora
alone (``training/ner/finetune.cfg``). Dev stays the three corpora's joint dev set.
``--distil`` trains several teachers and one student on their votes over raw news
(``warta.training.ner_distil``).

The data is read by :mod:`warta.training.ner`, the steps run by :mod:`warta.training.ner_train`;
this module is only the command, above both and above :mod:`warta.training.ner_distil`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from warta.errors import UsageError
from warta.training import ner_distil
from warta.training.ner import CORPORA
from warta.training.ner_train import CONFIG, REPO, train


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("ner", help="train the Indonesian NER model (PER/ORG/LOC)")
    _add_arguments(p)
    p.set_defaults(func=run)


def _add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", type=Path, default=Path("../shared/data"), help="the shared data folder")
    p.add_argument(
        "--out", type=Path, default=REPO / "src" / "warta" / "models" / "ner-id", help="model folder to write"
    )
    p.add_argument(
        "--work", type=Path, default=Path("build/ner"), help="scratch folder (DocBins, vectors, checkpoints)"
    )
    p.add_argument("--vectors", type=Path, help="reuse a .floret vectors file instead of training one")
    p.add_argument("--config", type=Path, default=CONFIG, help="spaCy training config")
    p.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="spaCy config override, e.g. training.max_steps=2000",
    )
    p.add_argument(
        "--weight",
        dest="weights",
        action="append",
        default=[],
        metavar="CORPUS=N",
        help=f"repeat a corpus's training sentences N times ({', '.join(CORPORA)}, nerp), e.g. nergrit=2",
    )
    p.add_argument(
        "--with-nerp",
        action="store_true",
        help="add NERP train (lower-cased; truecased from the raw news first) to the training data",
    )
    p.add_argument(
        "--with-gold",
        action="store_true",
        help="add the annotated CLICK-ID articles (gold train part + training/ner/click) to train "
        "and the gold dev part to dev (--weight gold=N repeats them)",
    )
    p.add_argument(
        "--finetune",
        action="store_true",
        help="then continue training the best model on the three corpora alone (training/ner/finetune.cfg)",
    )
    p.add_argument(
        "--pretrain",
        action="store_true",
        help="first pretrain the tok2vec on the raw news text (spacy pretrain, characters objective)",
    )
    p.add_argument("--pretrain-words", type=int, default=0, help="pretrain on the first N words only (0: all)")
    p.add_argument("--stage-one", type=Path, help="fine-tune this model instead of training stage one")
    p.add_argument(
        "--distil",
        action="store_true",
        help="train the teachers in training/ner/teachers.toml, tag raw news with their votes, "
        "and train one model on gold + those silver labels (warta.training.ner_distil)",
    )
    p.add_argument(
        "--finetune-set",
        dest="finetune_overrides",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="spaCy config override for the fine-tuning stage",
    )


def run(args: argparse.Namespace) -> int:
    if not args.data.is_dir():
        raise UsageError(f"no data folder at {args.data}")
    if not args.config.exists():
        raise UsageError(f"no config at {args.config} (run from a repository checkout)")
    weights = _weights(args.weights)
    if args.distil:
        if args.with_nerp or args.finetune or args.pretrain or args.stage_one or weights:
            raise UsageError("--distil takes none of --with-nerp, --finetune, --pretrain, --stage-one, --weight")
        plan = ner_distil.load_plan()
        ner_distil.distil(
            args.data,
            args.out,
            args.work,
            plan=plan,
            vectors=args.vectors,
            config=args.config,
            overrides=args.overrides,
        )
        return 0
    train(
        args.data,
        args.out,
        args.work,
        vectors=args.vectors,
        config=args.config,
        overrides=args.overrides,
        weights=weights,
        with_nerp=args.with_nerp,
        finetune=args.finetune or args.stage_one is not None,
        stage_one=args.stage_one,
        finetune_overrides=args.finetune_overrides,
        pretrain=args.pretrain,
        pretrain_words=args.pretrain_words,
        gold=args.with_gold,
    )
    return 0


def _weights(given: list[str]) -> dict[str, int]:
    """``--weight CORPUS=N`` options as {corpus: N}."""
    weights: dict[str, int] = {}
    names = (*CORPORA, "nerp", "gold")
    for kv in given:
        corpus, _, n = kv.partition("=")
        if corpus not in names or not n.isdigit() or int(n) < 1:
            raise UsageError(f"--weight {kv}: expected CORPUS=N with CORPUS in {', '.join(names)}")
        weights[corpus] = int(n)
    return weights
