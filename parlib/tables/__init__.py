"""Official tables users hold: ``parlib import`` / ``parlib export`` (:mod:`.importer`), header
matching (:mod:`.headers`), Ministry-style percentages (:mod:`.pct`), statements (:mod:`.statements`)."""
