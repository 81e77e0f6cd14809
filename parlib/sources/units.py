"""Province name as written in a raw file -> registry unit, the one rule every reader uses.

An unknown or ambiguous name is a :class:`~parlib.errors.SourceFormatError` naming the file, sheet,
row and column, with the registry's suggestions; a reader never guesses a province.
"""
from __future__ import annotations

from parlib.errors import AmbiguousProvinceError, SourceFormatError, UnknownProvinceError

HINT = "a province name (add real spellings to data/reference/province_aliases_extra.csv)"


def resolve_unit(name, file, sheet=None, row=None, column=None, expected: str = HINT):
    """The registry :class:`~parlib.registry.units.Unit` of ``name``; SourceFormatError if none."""
    from parlib import provinces

    try:
        return provinces.resolve(str(name).strip())
    except (UnknownProvinceError, AmbiguousProvinceError) as exc:
        raise SourceFormatError(file, sheet=sheet, row=row, column=column, expected=expected,
                                found=name, message=str(exc)) from None
