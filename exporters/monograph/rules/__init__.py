"""Every check the tool makes, one module per rule, keyed by its stable id.

The registry is what ``monograph explain`` prints, what every report names,
and what the loader, the validator and the build take their rules from. Load
and schema checks are listed too, so that each problem the tool can report has
one id and one explanation; only content rules marked ``suppressible`` can be
silenced by a team.
"""

from __future__ import annotations

from . import (
    citation_unresolved,
    citation_unused,
    control_character,
    duplicate_brand,
    duplicate_id,
    duplicate_side_effect,
    duplicate_url,
    empty_file,
    encoding,
    exporter_failed,
    file_too_large,
    form_unresolved,
    id_matches_file_name,
    invalid_date,
    invalid_suppression,
    not_a_mapping,
    reserved_id,
    review_date_in_future,
    schema,
    snomed_concept_id,
    translation_language,
    unreadable,
    unused_suppression,
    url_syntax,
    yaml_alias,
    yaml_depth,
    yaml_duplicate_key,
    yaml_key,
    yaml_multiple_documents,
    yaml_syntax,
    yaml_tag,
)
from .base import CheckContext, Finding, Rule

__all__ = ["CONTENT_RULES", "RULES", "CheckContext", "Finding", "Rule"]

_MODULES = (
    # Reading the file, in the order the loader meets them.
    unreadable, file_too_large, encoding, empty_file, not_a_mapping, yaml_syntax, yaml_duplicate_key, yaml_tag,
    yaml_alias, yaml_key, yaml_multiple_documents, yaml_depth,
    schema,
    # One document's content.
    id_matches_file_name, reserved_id, translation_language, citation_unresolved, citation_unused, form_unresolved,
    duplicate_brand, duplicate_side_effect, duplicate_id, invalid_date, review_date_in_future, control_character,
    snomed_concept_id, url_syntax,
    # Between files, publishing, and the project's own suppressions.
    duplicate_url, exporter_failed, unused_suppression, invalid_suppression,
)

RULES: dict[str, Rule] = {module.RULE.id: module.RULE for module in _MODULES}
CONTENT_RULES: tuple[Rule, ...] = tuple(rule for rule in RULES.values() if rule.check is not None)
