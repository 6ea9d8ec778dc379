"""One build: the generation (load, render, print), the staging folder it fills, the worker
processes, the lock that keeps builds apart, the swap that puts a site in place."""
