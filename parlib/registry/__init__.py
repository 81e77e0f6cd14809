"""The unit registry: provinces (63, Hà Tây, the 34 from 2025), regions, nation; name folding
(:mod:`.keys`); the reference tables built from raw (:mod:`.build`); geometry (:mod:`.geo`).
The public API is :mod:`parlib.provinces` (= :mod:`.units`)."""
