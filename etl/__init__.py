"""The build: the mission page and the reference data in, one DuckDB file out.

The app reaches the build only through this module, to build a missing or damaged
database: ``build_database(Inputs.default(), database_path())``, and to ask whether a file
is one (``is_project_database``) before serving it for download.
"""

from etl.build import BuildReport, build_database
from etl.errors import BuildError
from etl.inputs import Inputs
from etl.paths import database_path
from etl.target import is_project_database

__all__ = [
    "BuildError",
    "BuildReport",
    "Inputs",
    "build_database",
    "database_path",
    "is_project_database",
]
