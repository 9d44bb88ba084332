"""Demo data transcribed from the published reports in shared/seeds, loaded by `manage.py load_demo`."""
