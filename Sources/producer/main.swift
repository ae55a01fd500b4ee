print("producer: not built yet")
