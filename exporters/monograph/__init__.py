"""monograph: one YAML file per drug, validated and published as JSON-LD, FHIR, XML and HTML."""

__version__ = "0.1.0"
