"""Institutions: lists in cells split into names (``rules``), each typed (``types``) and expanded from the
document's acronyms and the gazetteer (``extractors/data/institutions.json``); in prose, a spaCy
pipeline (``nlp``) whose components are registered by ``nlp.register_components`` and assembled
from its config. ``spacy_import`` imports spaCy without its command-line interface."""

from extractors.institutions.rules import institutions_from_cell
from extractors.institutions.types import institution_type

__all__ = ["institution_type", "institutions_from_cell"]
