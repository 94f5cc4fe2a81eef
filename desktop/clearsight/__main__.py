import multiprocessing

# A bundle's child processes (clearsight.ui.work.process) start in this script: this hands
# them their work instead of a second window. Outside a bundle it does nothing.
multiprocessing.freeze_support()

from clearsight.cli import main  # noqa: E402

raise SystemExit(main())
