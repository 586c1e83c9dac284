# Fuzz targets and corpus replay (issue 7).
