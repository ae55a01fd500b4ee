print("consumer: not built yet")
