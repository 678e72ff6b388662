"""Time expressions, publication dates and quantities.

* ``lexicon`` the language pack's time vocabulary (``time.toml``), ``numwords`` its numerals
  (``numbers.toml``);
* ``patterns`` and ``grammar`` find time expressions, ``resolve`` gives them calendar values;
  ``context`` tells when a sentence read inside its text reads the same alone (so one reading
  serves the resolver and the learned detector);
* ``amounts`` finds quantities (amount, unit, bound, counted thing);
* ``tagger`` the learned TIME/QUANTITY boundary detector and the NER-UGM view of the rules' spans;
* the pipeline stages ``published``, ``times`` and ``quantities``.
"""
