"""The Contributing factors page: defense layers, factors, the Swiss-cheese diagram and accepted
risks.
"""
