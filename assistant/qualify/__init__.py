"""Qualification: the criteria registry, the qualify graph, engines, rubric and report."""
