DROP TABLE dirsync_processes;
