"""The long texts of Hässelby-Vällingby's T2 2022 report, in the `tertial.richtext` format."""

SUMMARY = ""
INRIKTNINGSMAL_1 = ""
INRIKTNINGSMAL_2 = ""
INRIKTNINGSMAL_3 = ""
ANALYSIS_1_1 = ""
