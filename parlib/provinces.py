"""The unit registry's public face: ``parlib.provinces.resolve("TT-Huế")``.

The registry lives in :mod:`parlib.registry.units`; this name is kept for the documented API and
is the very same module object (so attributes set on one are seen on the other).
"""
import sys

from parlib.registry import units as _units

sys.modules[__name__] = _units
