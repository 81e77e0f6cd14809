"""parlib: Vietnam's provincial governance indices (PCI, PAPI, PAR INDEX, SIPAS) as one tidy,
validated panel, with analysis of trends, regions and the weak criteria that drag an index down.

>>> import parlib
>>> panel = parlib.load("PCI")          # doctest: +SKIP
"""
from parlib.errors import ParlibError, UnknownProvinceError

__version__ = "0.1.0"
__all__ = ["load", "ParlibError", "UnknownProvinceError", "__version__"]


def load(index=None, **kwargs):
    """The tidy panel; see :func:`parlib.panel.load`."""
    from parlib.panel import load as _load

    return _load(index, **kwargs)


def __getattr__(name):  # lazy sub-modules: `import parlib` stays cheap
    import importlib

    if name in {"provinces", "codebook", "analysis", "panel", "render", "registry", "sources", "tables"}:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(name)
