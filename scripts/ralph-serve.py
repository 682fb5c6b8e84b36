"""Ralph (ralph-malph 5.1, the fs backend) as a test LRS on 127.0.0.1, for tests/it/lrs_ralph.rs.

    RALPH_RUNSERVER_BACKEND=fs RALPH_AUTH_FILE=... \
    RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH=... python ralph-serve.py PORT

The fs backend writes its file with the CREATE operation, so once the file exists every new
statement fails ("already exists and overwrite is not allowed"); APPEND lets it take more than
one write. Plain `ralph runserver` cannot set this, so the app is served here.
"""
import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND
uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
