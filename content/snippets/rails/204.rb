def destroy
  Book.find(params[:id]).destroy
  head :no_content
end
