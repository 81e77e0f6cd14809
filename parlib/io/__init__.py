"""Reading and writing files safely: spreadsheets (:mod:`.excel`), CSV (:mod:`.csvread`), atomic
writes (:mod:`.atomic`). Shared by the source readers, user-table import and rendering."""
