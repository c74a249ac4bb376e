"""Every check the tool makes, one module per rule, keyed by its stable id.

The registry is what ``monograph explain`` prints, what every report names,
and what the loader, the validator and the build take their rules from. Load
and schema checks are listed too, so that each problem the tool can report has
one id and one explanation; only content rules marked ``suppressible`` can be
silenced by a team.
"""

from __future__ import annotations

from . import (
    applies_to_unresolved,
    citation_unresolved,
    citation_unused,
    control_character,
    dose_above_maximum,
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
    indication_unresolved,
    ingredient_unresolved,
    invalid_date,
    invalid_suppression,
    not_a_mapping,
    outside_sources,
    placeholder_text,
    range_upside_down,
    reserved_id,
    review_date_in_future,
    schema,
    schema_version,
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
    schema_version, schema,
    # One document's content.
    id_matches_file_name, reserved_id, translation_language, citation_unresolved, citation_unused, form_unresolved,
    applies_to_unresolved, ingredient_unresolved, indication_unresolved, duplicate_brand, duplicate_side_effect,
    duplicate_id, invalid_date, review_date_in_future, range_upside_down, dose_above_maximum, control_character,
    snomed_concept_id, url_syntax, placeholder_text,
    # Between files, publishing, and the project's own suppressions.
    duplicate_url, exporter_failed, unused_suppression, invalid_suppression, outside_sources,
)

RULES: dict[str, Rule] = {module.RULE.id: module.RULE for module in _MODULES}
CONTENT_RULES: tuple[Rule, ...] = tuple(rule for rule in RULES.values() if rule.check is not None)
