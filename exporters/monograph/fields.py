"""The monograph's fields, read from the schema: the basis of the field reference and the mapping table."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .schema import source_schema


@dataclass(frozen=True)
class Field:
    """One field, named by its dotted path (list items add no segment: ``side_effects.items.name``)."""

    path: str
    title: str
    description: str
    types: tuple[str, ...]
    required: bool
    example: Any = None
    allowed: tuple[str, ...] = ()
    has_children: bool = False
    condition: str = ""
    """When an optional field is required after all ("when `kind` is `interaction`"), in words; else empty."""


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """Merge a $ref target under the node's own annotations (which win)."""
    if "$ref" not in node:
        return node
    target = root["$defs"][node["$ref"].rsplit("/", 1)[1]]
    merged = dict(_resolve(target, root))
    merged.update({k: v for k, v in node.items() if k != "$ref"})
    return merged


def _types(node: dict[str, Any]) -> tuple[str, ...]:
    if "type" in node:
        return (node["type"],) if isinstance(node["type"], str) else tuple(node["type"])
    if "enum" in node:
        return ("string",)
    return ()


def iter_fields(root: dict[str, Any] | None = None) -> Iterator[Field]:
    """Every field in schema order, depth first."""
    root = root or source_schema()

    def walk(node: dict[str, Any], prefix: str) -> Iterator[Field]:
        node = _resolve(node, root)
        required = set(node.get("required", ()))
        for name, child in node.get("properties", {}).items():
            child = _resolve(child, root)
            path = f"{prefix}{name}"
            # A field that takes one thing or a list of them (a route, a code) has the fields of its items.
            inner = _resolve(child["items"], root) if "array" in _types(child) and "items" in child else child
            examples = child.get("examples") or [None]
            yield Field(
                path, child.get("title", name), child.get("description", ""), _types(child), name in required,
                examples[0], tuple(str(v) for v in inner.get("enum", ())), "properties" in inner,
                "" if name in required else condition(name, node, root),
            )
            if "properties" in inner:
                yield from walk(inner, path + ".")

    yield from walk(root, "")


def condition(name: str, node: dict[str, Any], root: dict[str, Any]) -> str:
    """When ``name``, optional in ``node``, is required: by an if/then, a dependentRequired, or an anyOf or oneOf
    of required lists (the schema's ways of saying so)."""
    said: list[str] = []
    for rule in node.get("allOf", ()):
        test, then = rule.get("if", {}), rule.get("then", {})
        if name in then.get("required", ()):
            said += [f"`{other}` is `{value['const']}`" for other, value in test.get("properties", {}).items()
                     if "const" in value]
    said += [f"`{other}` is given" for other, needs in node.get("dependentRequired", {}).items() if name in needs]
    for keyword in ("anyOf", "oneOf"):
        options = [option.get("required", []) for option in node.get(keyword, ())]
        if any(name in option for option in options):
            others = " or ".join(" and ".join(f"`{n}`" for n in option) for option in options if option and name not in option)
            verb = "are" if " and " in others else "is"
            said.append(f"unless {others} {verb} given" + (" instead (one or the other, not both)" if keyword == "oneOf" else ""))
    return "; ".join(text if text.startswith("unless") else "when " + text for text in said)


def field_paths() -> list[str]:
    return [f.path for f in iter_fields()]
