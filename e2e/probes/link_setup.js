// WebDriver script body. Points the page's link at arguments[0] (the test then clicks it).
document.getElementById('lnk').href = arguments[0];
