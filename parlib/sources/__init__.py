"""Source readers, one sub-package per index. Each exposes ``read(raw_dir, report) -> DataFrame``.

``parlib build`` runs them in this order; add an index here when its reader lands.
"""
SOURCES: dict[str, str] = {
    "PCI": "parlib.sources.pci",
    "PAPI": "parlib.sources.papi",
    "PAR": "parlib.sources.par",
    "SIPAS": "parlib.sources.sipas",
}
