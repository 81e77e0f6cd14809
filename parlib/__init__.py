"""parlib: Vietnam's provincial governance indices (PCI, PAPI, PAR INDEX, SIPAS) as one tidy,
validated panel, with analysis of trends, regions and the weak criteria that drag an index down.

>>> import parlib
>>> panel = parlib.load("PCI")          # doctest: +SKIP
"""
from parlib.errors import ParlibError, UnknownProvinceError

__version__ = "0.1.0"
__all__ = ["load", "wide", "data_version", "ParlibError", "UnknownProvinceError", "__version__"]


def load(index=None, **kwargs):
    """The tidy panel; see :func:`parlib.panel.load`."""
    from parlib.panel import load as _load

    return _load(index, **kwargs)


def wide(index, level="area", years=None, lang="en", units="province", **kwargs):
    """One row per unit and year, one column per indicator; see :func:`parlib.panel.wide.wide`."""
    from parlib.panel.wide import wide as _wide

    return _wide(index, level=level, years=years, lang=lang, units=units, **kwargs)


def data_version() -> str:
    """The version of the processed data (content hash and date, from ``build_info.json``);
    see :func:`parlib.panel.version.data_version`."""
    from parlib.panel.version import data_version as _dv

    return _dv()


def __getattr__(name):  # lazy sub-modules: `import parlib` stays cheap
    import importlib

    if name in {"provinces", "codebook", "analysis", "panel", "render", "registry", "sources", "tables"}:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(name)
