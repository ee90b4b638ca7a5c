print("The benchmark is not written yet.")
