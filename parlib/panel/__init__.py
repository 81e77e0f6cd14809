"""The tidy panel: build it from raw (:mod:`.build`), validate it (:mod:`.schema`), log every raw row
(:mod:`.report`), load it with user imports (:mod:`.load`), and rank within it (:mod:`.ranks`)."""
from parlib.panel.load import INDICES, data_stamp, imported_tables, load

__all__ = ["INDICES", "data_stamp", "imported_tables", "load"]
