"""Text: how texts are folded for matching (``fold``, one function per purpose) and the vocabularies
naplog matches against (``vocabulary``: column-header words, banners, bullets, a cover's report
words; ``wps_taxonomy``: the WPS pillars and the ASEAN RPA outcomes with their keywords), in English,
French, Spanish and Portuguese."""
