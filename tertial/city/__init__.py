"""The city-wide view (/stad/<period>/): every nämnd's report side by side for the stadsledningskontoret, and the
two things that pass between the city and the nämnder here: the city's ställningstagande to each requested
budgetjustering, and the nämnder's proposals to change an indicator's årsmål."""
