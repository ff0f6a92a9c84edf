C: resetevent: 0: 0
# café in a Latin-1 comment is fine
C: lock: 0: 0é
