"""Retrieval quality of each embedding on the shipped playbooks: hit@1, hit@3 and MRR.

    python bench/retrieval_quality.py [--embedding minilm hashing]

Each query is phrased the way an SDR or the engine asks (often without the section's own
words), labelled with the playbook section that answers it. Justifies the default embedding.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from assistant.library.playbook_library import PlaybookLibrary
from assistant.qualify.questions import GAP_QUERIES
from assistant.settings import Settings

LABELLED: list[tuple[str, str]] = [
    (GAP_QUERIES["title"], "Title and authority"),
    (GAP_QUERIES["problem"], "Problem and pain"),
    (GAP_QUERIES["budget"], "Budget"),
    (GAP_QUERIES["timeline"], "Timeline"),
    (GAP_QUERIES["size"], "Company size"),
    ("who signs the contract and holds the purse strings", "Title and authority"),
    ("how much money have they set aside for this", "Budget"),
    ("when do they need it running", "Timeline"),
    ("how many people work at the company", "Company size"),
    ("the customer says they cannot afford it", 'Objection: "It\'s too expensive"'),
    (
        "prospect says they are locked into a contract with another vendor",
        'Objection: "We\'re locked into a competitor contract"',
    ),
    ("hospital needs a business associate agreement for patient data", "HIPAA, BAA and privacy requirements"),
    ("connecting to Epic through FHIR", "EHR integrations: Epic, Cerner, FHIR and HL7"),
    ("bank examiners and regulators in financial services", "Regulation in financial services"),
    ("plant wants to hook us up to SAP", "ERP integration: SAP and Oracle EBS"),
    ("buying through a cooperative purchasing agreement", "Procurement rules and cooperative contracts"),
    ("partner levels and their benefits", "Partner tiers: Silver, Gold and Platinum"),
    (
        "the reseller should not feel like a competitor to our rep",
        "Commissions designed so partners are not rivals",
    ),
    ("when the renewal rep should get involved", "Why the renewal rep starts early"),
    ("what to do 90 days before the contract renews", "Renewal timeline counted back from the renewal date"),
    ("signs a customer is about to leave", "Churn signals and what to do about them"),
    ("teaching the customer's users how to use the product", "Training packages"),
    (
        "meeting between the account executive and customer success after the deal closes",
        "Internal transition meeting between AE and CSM",
    ),
    ("account executive keeps a few accounts to grow them", "Land-and-expand holdout accounts"),
    ("what the SDR writes down for the account executive", "Handoff note template"),
    ("does the prospect do their homework between calls", "Project and equality of effort"),
    ("they want dashboards and reports", "Analytics add-on"),
    ("audit logs and who can access what", "Compliance and security add-on"),
    ("when to bring a technical expert for architecture and APIs", "Sales engineer"),
    ("running a trial before they buy", "CSM for trials, pilots and adoption"),
]


def evaluate(embedding: str) -> dict[str, float]:
    """Ingest the shipped playbooks with one embedding and score the labelled queries."""
    with tempfile.TemporaryDirectory() as tmp:
        library = PlaybookLibrary(Settings(data_dir=Path(tmp), embedding=embedding))  # type: ignore[arg-type]
        start = time.perf_counter()
        library.ensure_ready()
        ingest_s = time.perf_counter() - start
        ranks: list[int | None] = []
        for query, section in LABELLED:
            hits = library.search(query, k=10)
            sections = [hit.section for hit in hits]
            ranks.append(sections.index(section) + 1 if section in sections else None)
        return {
            "hit@1": sum(r == 1 for r in ranks) / len(ranks),
            "hit@3": sum(r is not None and r <= 3 for r in ranks) / len(ranks),
            "mrr@10": statistics.fmean(1 / r if r else 0.0 for r in ranks),
            "ingest_s": ingest_s,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embedding", nargs="+", default=["minilm", "hashing"])
    args = parser.parse_args()
    print(f"{len(LABELLED)} labelled queries over the shipped playbooks")
    for name in args.embedding:
        result = evaluate(name)
        print(f"{name:8s} " + "  ".join(f"{key} {value:.2f}" for key, value in result.items()))


if __name__ == "__main__":
    main()
