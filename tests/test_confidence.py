"""Confidence is the share of records like this one that were right on the corpus (the evidence
buckets of extractors/confidence.py, measured by benchmarks/calibrate.py)."""

from __future__ import annotations

import json

from extractors import confidence
from extractors.confidence import bucket, calibrate, confidence_for, quality
from pipeline.records import Activity, Goal, Output


def test_buckets_read_the_evidence():
    assert quality("Strengthen the national committee and", 1) == "cut"
    assert quality("of the districts", 1) == "cut"
    assert quality("Indicative outputs", 4) == "repeated"
    assert quality("Training", 1) == "short"
    assert bucket("ruled_table", "activities", "Develop district contingency plans", 1) == \
        ("ruled", "activities", "whole", "action")
    assert bucket("unruled_table", "indicators", "Number of districts with a plan", 1)[3] == "measure"


def test_only_buckets_that_were_right_95_percent_reach_0_8(monkeypatch):
    table = {"ruled|activities|whole|action": (0.97, 400), "ruled|activities|whole": (0.9, 500),
             "ruled|activities": (0.85, 600), "ruled|goals|whole|text": (0.91, 50), "ruled|goals": (0.6, 80),
             "narrative|activities|whole|action": (0.99, 3), "narrative|activities": (0.3, 200)}
    monkeypatch.setattr(confidence, "calibration", lambda: table)
    assert confidence_for(("ruled", "activities", "whole", "action")) == 0.97
    assert confidence_for(("ruled", "goals", "whole", "text")) == 0.79  # right 91 %: not trusted
    assert confidence_for(("ruled", "activities", "cut", "action")) == 0.79  # backs off to ruled|activities
    assert confidence_for(("narrative", "activities", "whole", "action")) == 0.3  # 3 records are too few
    assert confidence_for(("cards", "goals", "whole", "text")) == confidence.DEFAULT


def test_records_take_their_buckets_confidence_placeholders_keep_theirs(monkeypatch):
    monkeypatch.setattr(confidence, "calibration", lambda: {"ruled|activities": (0.97, 100)})
    placeholder = Output(code=None, text=None, page=1, confidence=0.5)
    act = Activity(text="Train district planners", page=1, method="ruled_table", confidence=0.9)
    placeholder.activities.append(act)
    goal = Goal(text=None, page=1, confidence=0.5, outputs=[placeholder])
    calibrate([goal])
    assert act.confidence == 0.97 and placeholder.confidence == 0.5 and goal.confidence == 0.5


def test_the_shipped_table_trusts_no_bucket_below_95_percent():
    data = json.loads(confidence.CALIBRATION.read_text())
    for key, v in data["buckets"].items():
        c = confidence_for(tuple(key.split("|")) + ("?",) * (4 - key.count("|") - 1))
        if c >= confidence.TRUSTED:
            assert v["right"] >= confidence.TRUSTED_SHARE or v["n"] < confidence.MIN_BUCKET, key
