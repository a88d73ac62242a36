"""Provides practice mode's pure core: cases, the scripted interviewee and calibration maths."""
