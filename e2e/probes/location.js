// WebDriver script body. Navigates the top document by script.
location.href = arguments[0];
